package ai.kuraos.infra.bootstrap;

import com.pulumi.gcp.projects.Service;
import com.pulumi.gcp.projects.ServiceArgs;
import com.pulumi.resources.CustomResourceOptions;

/** Enables an API of the automation project for the bootstrap resources that call it; never disabled on destroy. */
final class AutomationApis {

    private AutomationApis() {
    }

    /** {@code storage.googleapis.com} becomes resource {@code api-storage}. */
    static Service enable(String project, String service, CustomResourceOptions options) {
        return new Service("api-" + service.substring(0, service.indexOf('.')), ServiceArgs.builder()
                .project(project)
                .service(service)
                .disableOnDestroy(false)
                .disableDependentServices(false)
                .build(), options);
    }
}
