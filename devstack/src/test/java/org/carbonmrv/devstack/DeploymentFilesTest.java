package org.carbonmrv.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml, the Dockerfiles and deploy/terraform against the services' configuration: ports, health
 * paths and every environment variable name must be one a service reads. No Docker or AWS here: the files are
 * parsed, not run.
 */
class DeploymentFilesTest {

    static final List<String> SERVICES = List.of("ingest-service", "qaqc-service", "mrv-service");
    static final String HEALTH = "/q/health/ready";
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static int port(String service) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newInputStream(ROOT.resolve(service + "/src/main/resources/application.properties"))) {
            p.load(in);
        }
        return Integer.parseInt(p.getProperty("quarkus.http.port"));
    }

    /**
     * Whether a service reads {@code env}: a Quarkus key set in its application.properties or one it documents,
     * or a path through its {@code @ConfigMapping} interface (INGEST_MAX_UPLOAD_BYTES → maxUploadBytes()).
     */
    static boolean known(String service, String env) throws IOException {
        if (Set.of("QUARKUS_HTTP_PORT", "QUARKUS_HTTP_ROOT_PATH", "QUARKUS_DATASOURCE_JDBC_URL",
                "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD", "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                "MP_JWT_VERIFY_ISSUER", "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT").contains(env)) {
            return true;
        }
        for (String line : Files.readAllLines(ROOT.resolve(service + "/src/main/resources/application.properties"))) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0
                    && line.substring(0, eq).strip().toUpperCase().replaceAll("[^A-Z0-9]", "_").equals(env)) {
                return true;
            }
        }
        String prefix = service.substring(0, service.indexOf('-')).toUpperCase() + "_";
        if (!env.startsWith(prefix)) {
            return false;
        }
        String[] words = env.substring(prefix.length()).toLowerCase().split("_");
        Set<String> methods = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve(service + "/src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith("Config.java")).toList()) {
                Matcher m = Pattern.compile("(\\w+)\\(\\);").matcher(Files.readString(f));
                while (m.find()) {
                    methods.add(m.group(1));
                }
            }
        }
        return matches(words, 0, methods);
    }

    /** Whether words[from..] splits into consecutive camelCase method names. */
    static boolean matches(String[] words, int from, Set<String> methods) {
        if (from == words.length) {
            return true;
        }
        StringBuilder name = new StringBuilder();
        for (int i = from; i < words.length; i++) {
            name.append(i == from ? words[i] : Character.toUpperCase(words[i].charAt(0)) + words[i].substring(1));
            if (methods.contains(name.toString()) && matches(words, i + 1, methods)) {
                return true;
            }
        }
        return false;
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeFileMatchesTheServices() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertEquals(new TreeSet<>(List.of("postgres", "ingest-service", "qaqc-service", "mrv-service")),
                new TreeSet<>(services.keySet()));
        assertNotNull(services.get("postgres").get("healthcheck"), "postgres has a healthcheck");
        for (String name : SERVICES) {
            Map<String, Object> s = services.get(name);
            int port = port(name);
            Map<String, Object> health = (Map<String, Object>) s.get("healthcheck");
            assertNotNull(health, name + " has a healthcheck");
            assertTrue(health.get("test").toString().contains("localhost:" + port + HEALTH), name + " health");
            assertEquals(List.of(port + ":" + port), s.get("ports"), name + " port");
            Map<String, Object> deps = (Map<String, Object>) s.get("depends_on");
            assertEquals("service_healthy", ((Map<String, Object>) deps.get("postgres")).get("condition"));
            deps.values().forEach(d -> assertEquals("service_healthy", ((Map<String, Object>) d).get("condition")));
            Map<String, Object> env = (Map<String, Object>) s.get("environment");
            assertEquals(String.valueOf(port), env.get("QUARKUS_HTTP_PORT"));
            for (String var : env.keySet()) {
                assertTrue(known(name, var), name + " does not read " + var);
            }
            Map<String, Object> build = (Map<String, Object>) s.get("build");
            String dockerfile = (String) build.get("dockerfile");
            assertTrue(Files.exists(ROOT.resolve(dockerfile)), dockerfile);
        }
    }

    @Test
    void dockerfilesBuildTheRightServiceAndRunUnprivileged() throws IOException {
        for (String name : SERVICES) {
            for (String kind : List.of("jvm", "native")) {
                String text = Files.readString(ROOT.resolve("deploy/docker/" + name + "/Dockerfile." + kind));
                assertTrue(text.contains("-pl " + name + " "), name + " " + kind + " builds " + name);
                assertTrue(text.contains("EXPOSE " + port(name)), name + " " + kind + " port");
                assertTrue(text.contains("localhost:" + port(name) + HEALTH), name + " " + kind + " health");
                assertTrue(text.contains("freetype") && text.contains("fontconfig"), "POI needs fonts");
                List<String> users = Pattern.compile("(?m)^USER (\\S+)").matcher(text).results()
                        .map(r -> r.group(1)).toList();
                assertFalse(users.get(users.size() - 1).equals("root"), name + " " + kind + " runs as root");
            }
        }
    }

    @Test
    void terraformMatchesTheServices() throws IOException {
        Path tf = ROOT.resolve("deploy/terraform");
        String services = Files.readString(tf.resolve("services.tf"));
        String ecs = Files.readString(tf.resolve("ecs.tf"));
        String alb = Files.readString(tf.resolve("alb.tf"));
        assertTrue(services.contains("health_path = \"" + HEALTH + "\""));
        assertTrue(ecs.contains("${each.value.root_path}${local.health_path}"), "container health check path");
        assertTrue(alb.contains("\"${each.value.root_path}${local.health_path}\""), "target group health path");
        for (String name : SERVICES) {
            Matcher block = Pattern.compile(Pattern.quote(name) + " = \\{(.*?)\\n    \\}", Pattern.DOTALL)
                    .matcher(services);
            assertTrue(block.find(), name + " in services.tf");
            Matcher port = Pattern.compile("port\\s+= (\\d+)").matcher(block.group(1));
            assertTrue(port.find());
            assertEquals(port(name), Integer.parseInt(port.group(1)), name + " port in services.tf");
            List<String> vars = new ArrayList<>();
            Matcher env = Pattern.compile("\\b([A-Z][A-Z0-9_]+)\\s+=").matcher(block.group(1));
            while (env.find()) {
                vars.add(env.group(1));
            }
            Matcher common = Pattern.compile("\\b((?:QUARKUS|MP)_[A-Z0-9_]+)\\s+=|name = \"(QUARKUS_[A-Z0-9_]+)\"")
                    .matcher(ecs);
            while (common.find()) {
                vars.add(common.group(1) != null ? common.group(1) : common.group(2));
            }
            assertFalse(vars.isEmpty());
            for (String var : vars) {
                assertTrue(known(name, var), name + " does not read " + var + " (deploy/terraform)");
            }
        }
        // variables: each declared one is used, each used one declared
        Set<String> declared = new TreeSet<>(Pattern.compile("variable \"(\\w+)\"").matcher(
                Files.readString(tf.resolve("variables.tf"))).results().map(r -> r.group(1)).toList());
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.list(tf)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".tf")).toList()) {
                used.addAll(Pattern.compile("var\\.(\\w+)").matcher(Files.readString(f)).results()
                        .map(r -> r.group(1)).toList());
            }
        }
        assertEquals(declared, used, "variables declared and used");
    }

    @Test
    void terraformIsFormatted() throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("terraform", "fmt", "-check", "-recursive", ".").directory(
                    ROOT.resolve("deploy/terraform").toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("terraform is not installed here");
            return;
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.exitValue(), "terraform fmt -check: " + out);
    }
}
