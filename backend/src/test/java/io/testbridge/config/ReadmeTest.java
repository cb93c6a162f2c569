package io.testbridge.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's configuration table stays true: every setting is documented with its default. */
class ReadmeTest {

    @Test
    void every_setting_is_in_the_readme_with_its_default() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (Setting setting : Setting.values()) {
            String row = readme.lines().filter(line -> line.startsWith("| `" + setting.envName() + "`")).findFirst()
                    .orElseThrow(() -> new AssertionError(setting.envName() + " is not in the README's configuration table"));
            if (!setting.defaultValue().isEmpty() && setting != Setting.PUBLIC_URL) {
                assertThat(row).as(setting.envName()).contains("`" + setting.defaultValue() + "`");
            }
        }
    }
}
