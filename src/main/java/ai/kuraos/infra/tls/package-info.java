/**
 * Resources of the tls provider, declared here because its Java SDK is not on Maven Central: the keys and
 * certificates of the Kafka listeners, of Kafka's clients CA and of the clients the program runs. The provider version
 * comes from {@code com/pulumi/tls/plugin.json}. Private keys are secret outputs, so they stay encrypted in the
 * stack's state and never reach a log or the plan.
 */
package ai.kuraos.infra.tls;
