/**
 * The messaging slice: {@code kura:messaging:Kafka}, the Strimzi operator, the KRaft cluster and the topic catalogue.
 * Owns the {@code messaging} settings (the backend's publishing switch and the Kafka cluster) and the catalogue.
 */
package ai.kuraos.infra.messaging;
