/**
 * The data slice: Cloud SQL {@code kura-primary} ({@code kura:data:Database}), Memorystore ({@code kura:data:Cache}),
 * the Secret Manager catalogue ({@code kura:data:Secrets}) and the backups bucket ({@code kura:data:Backups}). Owns the
 * {@code database}, {@code cache}, {@code secrets} and {@code backups} settings, the database flags checked against
 * PostgreSQL 15's catalogue, the Cloud SQL tiers, Memorystore's Redis settings and how every Memorystore instance is
 * declared ({@code MemorystoreRedis}).
 */
package ai.kuraos.infra.data;
