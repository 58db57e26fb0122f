/**
 * The messaging slice: {@code kura:messaging:Kafka}, the Strimzi operator, the KRaft cluster and the topic catalogue;
 * {@code kura:messaging:CeleryBroker}, the Memorystore instance Celery queues in. Owns the {@code messaging} settings
 * (the backend's publishing switch, the Celery broker and the Kafka cluster) and the catalogue.
 */
package ai.kuraos.infra.messaging;
