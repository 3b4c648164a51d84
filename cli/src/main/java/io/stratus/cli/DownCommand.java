package io.stratus.cli;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stop the processes that `up` started (only those whose pid files still name them).")
final class DownCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        LocalStack stack = main.stack(main.out());
        List<String> report = stack.down();
        if (report.isEmpty()) {
            main.out().println("Nothing is running in " + stack.dir().root());
        } else {
            report.forEach(main.out()::println);
        }
        return 0;
    }
}
