package ai.kuraos.infra.config;

import java.util.List;

/**
 * The Google Cloud regions a stack can run in: those that offer every service the platform uses there (Cloud Run,
 * Cloud SQL for PostgreSQL, Memorystore for Redis, GKE Autopilot, Artifact Registry, Secret Manager).
 *
 * <p>Sources, read 2025-11: https://cloud.google.com/run/docs/locations, https://cloud.google.com/sql/docs/postgres/locations,
 * https://cloud.google.com/memorystore/docs/redis/locations, https://cloud.google.com/kubernetes-engine/docs/concepts/autopilot-overview
 * (Autopilot is offered in every GKE region, https://cloud.google.com/kubernetes-engine/docs/regions-zones), and
 * https://cloud.google.com/about/locations. Regions opened since, or missing one of the services, are left out until
 * checked: add one here, with the date, when all of them list it.
 */
public final class Regions {

    public static final List<String> OFFERING_EVERY_SERVICE = List.of(
            "asia-east1", "asia-east2", "asia-northeast1", "asia-northeast2", "asia-northeast3", "asia-south1",
            "asia-south2", "asia-southeast1", "asia-southeast2", "australia-southeast1", "australia-southeast2",
            "europe-central2", "europe-north1", "europe-southwest1", "europe-west1", "europe-west2", "europe-west3",
            "europe-west4", "europe-west6", "europe-west8", "europe-west9", "europe-west10", "europe-west12",
            "me-central1", "me-west1", "northamerica-northeast1", "northamerica-northeast2", "southamerica-east1",
            "southamerica-west1", "us-central1", "us-east1", "us-east4", "us-east5", "us-south1", "us-west1",
            "us-west2", "us-west3", "us-west4");

    public static final TextRule REGION = new TextRule(OFFERING_EVERY_SERVICE::contains, "a Google Cloud region that offers"
            + " Cloud Run, Cloud SQL, Memorystore and GKE Autopilot: one of " + String.join(", ", OFFERING_EVERY_SERVICE));

    private Regions() {
    }
}
