package ai.kuraos.infra.publish;

/**
 * How a built front-end file may be cached. FINGERPRINTED files carry a content hash in their name, so a new version
 * is a new URL: they are cached for a year and never invalidated. HTML and OTHER files keep their URL across
 * releases: they are cached briefly and revalidated, and invalidated when they change.
 *
 * <p>Declared in upload order: what pages reference goes up before the pages.
 */
public enum AssetKind {
    FINGERPRINTED, OTHER, HTML
}
