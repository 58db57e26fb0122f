/**
 * The reading kit every slice uses: the stack file as the CLI hands it over ({@link ai.kuraos.infra.config.StackConfigValues}),
 * the reader that gathers every error and documents every key, typed values, text rules, suggestions, secret text,
 * CIDRs, the environment, the target and the labels. No capability's settings live here.
 */
package ai.kuraos.infra.config;
