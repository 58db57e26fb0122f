package ai.kuraos.infra.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** One run of the CLI against a project directory, as a user would type it; the commands a test builds itself replace the defaults. */
record CliRun(int exitCode, String out, String err) {

    static CliRun in(Path project, Map<Class<?>, Supplier<?>> commands, String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                var command = commands.get(type);
                return command == null ? CommandLine.defaultFactory().create(type) : type.cast(command.get());
            }
        };
        var out = new StringWriter();
        var err = new StringWriter();
        var all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--project-dir", project.toString()));
        var code = KuraCli.execute(new PrintWriter(out), new PrintWriter(err), factory, all.toArray(String[]::new));
        return new CliRun(code, out.toString(), err.toString());
    }
}
