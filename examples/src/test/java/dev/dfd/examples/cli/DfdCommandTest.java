package dev.dfd.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DfdCommandTest {
    @Test
    void unknownOptionIsOneLineErrorWithUsageStatus() {
        CliRun run = CliRun.of("--no-such-option");
        assertThat(run.status()).isEqualTo(DfdCommand.EXIT_USAGE);
        assertThat(run.err()).startsWith("dfd: ").contains("--no-such-option");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun run = CliRun.of();
        assertThat(run.status()).isEqualTo(DfdCommand.EXIT_USAGE);
        assertThat(run.err()).contains("a command is required");
    }

    @Test
    void helpListsCommands() {
        CliRun run = CliRun.of("--help");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("Usage: dfd");
    }
}
