/**
 * The platform slice: {@code kura:platform:Foundation} (project APIs, the VPC and its subnet, private services access,
 * the Artifact Registry repository, the runtime service accounts). Owns the {@code network} and
 * {@code artifactRegistry} settings ({@link ai.kuraos.infra.platform.NetworkSettings},
 * {@link ai.kuraos.infra.platform.RegistrySettings}) and the naming rules.
 */
package ai.kuraos.infra.platform;
