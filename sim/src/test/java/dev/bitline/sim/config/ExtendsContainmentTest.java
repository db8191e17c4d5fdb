package dev.bitline.sim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code extends:} may only name presets inside the config's folder tree or the configs root. */
class ExtendsContainmentTest {

    /** tmp/secret.yaml (outside), tmp/configs/dram/base.yaml (root), tmp/work/sub/ (the user's tree). */
    private static Path layout(Path tmp) throws IOException {
        Files.writeString(tmp.resolve("secret.yaml"), "password: hunter2-SECRET\n");
        Files.createDirectories(tmp.resolve("configs/dram"));
        Files.writeString(tmp.resolve("configs/dram/base.yaml"), "channels: 2\n");
        Files.createDirectories(tmp.resolve("work/sub"));
        Files.writeString(tmp.resolve("work/sub/local.yaml"), "channels: 3\n");
        return tmp.resolve("configs");
    }

    @Test
    void extendsOutOfTheTreeIsALocatedErrorThatNeverEchoesTheTarget(@TempDir Path tmp) throws IOException {
        ConfigLoader loader = new ConfigLoader(layout(tmp));
        Path cfg = tmp.resolve("work/my.yaml");
        for (String target : new String[] {"../secret", "../secret.yaml", "../../" + tmp.getFileName() + "/secret",
                                           tmp.resolve("secret.yaml").toString(), "../configs/../secret"}) {
            Files.writeString(cfg, "name: x\nextends: " + target + "\n");
            ConfigException e = assertThrows(ConfigException.class, () -> loader.loadTree(cfg), target);
            String m = e.getMessage();
            assertTrue(m.contains("my.yaml:2:10: "), m);
            assertTrue(m.contains("outside the config's folder and the configs root"), m);
            assertFalse(m.contains("hunter2") || m.contains("password"), "never echoes the target: " + m);
            assertFalse(m.contains("\n"), m);
        }
    }

    @Test
    void nestedPresetCannotLeaveEither(@TempDir Path tmp) throws IOException {
        Path root = layout(tmp);
        Files.writeString(root.resolve("dram/evil.yaml"), "extends: ../../secret\n");
        Path cfg = tmp.resolve("work/my.yaml");
        Files.writeString(cfg, "extends: dram/evil\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(root).loadTree(cfg));
        assertTrue(e.getMessage().contains("evil.yaml:1:10: "), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void presetsInsideTheTreeOrTheConfigsRootStillResolve(@TempDir Path tmp) throws IOException {
        ConfigLoader loader = new ConfigLoader(layout(tmp));
        Path cfg = tmp.resolve("work/my.yaml");
        Files.writeString(cfg, "extends: [dram/base, sub/local]\nname: x\n");
        ConfigNode.MapNode tree = (ConfigNode.MapNode) loader.loadTree(cfg);
        assertEquals("3", ((ConfigNode.Scalar) tree.get("channels")).text());
        // a preset in the configs root may climb inside the root
        Files.writeString(tmp.resolve("configs/dram/child.yaml"), "extends: ../dram/base\n");
        Files.writeString(cfg, "extends: dram/child\n");
        assertEquals("2", ((ConfigNode.Scalar) ((ConfigNode.MapNode) loader.loadTree(cfg)).get("channels")).text());
    }
}
