package ai.kuraos.infra.bootstrap;

import ai.kuraos.infra.component.KuraComponent;
import ai.kuraos.infra.platform.ProjectApis;
import com.pulumi.gcp.projects.IAMCustomRole;
import com.pulumi.gcp.projects.IAMCustomRoleArgs;

import java.util.List;
import java.util.Map;

/**
 * {@code kura:bootstrap:ProjectRoles}: the custom roles of one environment's project, which the platform program
 * grants by name but may not define. Whoever may edit a custom role it can grant may add any permission to it
 * ({@code iam.roles.update}, then {@code setIamPolicy}): so the roles live here, applied by a platform engineer, and
 * no deployer holds {@code roles/iam.roleAdmin}.
 */
public final class ProjectRoles extends KuraComponent {

    public static final String TYPE = "kura:bootstrap:ProjectRoles";

    /**
     * A custom role: its resource's name (suffixed by the environment), its id in the project, and the permissions it
     * holds (all it will ever hold without review).
     */
    public record CustomRole(String logicalName, String roleId, String title, String description,
                             List<String> permissions) {

        public String name(String project) {
            return "projects/" + project + "/roles/" + roleId;
        }
    }

    /** The backend's admin panel ("Purge CDN") invalidates the load balancer's cache, and nothing else. */
    public static final CustomRole CDN_PURGER = new CustomRole("kura-cdn-purger", DeployerRoles.CUSTOM_CDN_PURGER_ROLE, "Kura CDN purger",
            "Invalidate the CDN cache of the platform's URL map: the admin panel's Purge CDN button",
            List.of("compute.urlMaps.invalidateCache"));

    public static final List<CustomRole> ALL = List.of(CDN_PURGER);

    public ProjectRoles(String name, BootstrapSettings settings, String environment) {
        super(TYPE, name, settings.target());
        var project = settings.environments().get(environment);
        // Custom roles are made through the IAM API, which a new project has off; the platform's stack enables it too
        // (never disabled on destroy, so two owners of the enablement cannot break each other).
        var iamApi = ProjectApis.enable("api-iam-" + environment, project, ProjectApis.IAM, child());
        for (var role : ALL) {
            new IAMCustomRole(role.logicalName() + "-" + environment, IAMCustomRoleArgs.builder()
                    .project(project)
                    .roleId(role.roleId())
                    .title(role.title())
                    .description(role.description())
                    .permissions(role.permissions())
                    .stage("GA")
                    // Protected: a deleted custom role keeps its id for 37 days, so it cannot be recreated at once.
                    .build(), protectedChild(iamApi));
        }
        registerOutputs(Map.of());
    }
}
