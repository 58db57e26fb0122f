/**
 * The backend slice: {@code kura:backend:Backend}, the Cloud Run service {@code kura-backend} and the migrator job,
 * their IAM and traffic split. Owns the {@code backend} settings (with the rollout state that {@code deploy} and
 * {@code rollback} write) and the revision naming rules.
 */
package ai.kuraos.infra.backend;
