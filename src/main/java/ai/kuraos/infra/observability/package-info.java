/**
 * The observability slice: {@code kura:observability:Monitoring}, notification channels, uptime checks, the alert
 * catalogue with its runbooks, the platform dashboard and the budget. Owns the {@code monitoring} settings.
 */
package ai.kuraos.infra.observability;
