package dev.bitline.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** Reads the version Maven filtered into bitline-version.properties. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        return lines();
    }

    /** The version lines; needs nothing of picocli (the fast {@code --version} path calls it). */
    static String[] lines() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/bitline-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // an unreadable version resource: say "unknown"
        }
        return new String[] {
            "bitline " + p.getProperty("version", "unknown"),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
        };
    }
}
