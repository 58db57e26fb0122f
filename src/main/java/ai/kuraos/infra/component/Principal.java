package ai.kuraos.infra.component;

import com.pulumi.core.Output;

/**
 * An identity a component grants access to: a short name for the grant's resource name, and the IAM member
 * ({@code serviceAccount:...}). Every component takes its grantees in this one shape.
 */
public record Principal(String name, Output<String> member) {
}
