package org.carbonmrv.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one-command local run: an embedded PostgreSQL whose data stays in {@code .local/pgdata}, the services in JVM
 * mode as child processes, the sample corpus uploaded through the HTTP API, a summary, then running until Ctrl-C.
 * A second run reuses the data; uploads are idempotent, so nothing is stored twice.
 */
public final class LocalStack {

    /** name, port, jar */
    record Service(String name, int port, Path jar) {
        String url() {
            return "http://localhost:" + port;
        }
    }

    private static final int PG_PORT = Integer.parseInt(env("MRV_LOCAL_PG_PORT", "55432"));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NUMBER_FIELD = Pattern.compile("\"(%s)\"\\s*:\\s*(\\d+)");

    private final Path root;
    private final Map<Service, Process> children = new LinkedHashMap<>();
    private EmbeddedPostgres postgres;
    private DevJwt jwt;
    private boolean serviceUsers;
    private final Map<String, String> tokens = new LinkedHashMap<>();

    private LocalStack(Path root) {
        this.root = root;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        LocalStack stack = new LocalStack(root);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-stop"));
        try {
            stack.run();
        } catch (Exception | Error e) {
            stack.stop(); // a failed start leaves no database or service behind
            throw e;
        }
        System.out.println("\nRunning. Press Ctrl-C to stop everything.");
        Thread.currentThread().join();
    }

    private void run() throws Exception {
        String jdbc = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        if (jdbc == null) {
            Path data = root.resolve(".local/pgdata");
            step("Starting embedded PostgreSQL on port " + PG_PORT + " (data in " + root.relativize(data) + ")");
            postgres = EmbeddedPostgres.startPersistent(data, PG_PORT);
            createDatabase(postgres.jdbcUrl("postgres"), "mrv");
            jdbc = postgres.jdbcUrl("mrv");
            step("Creating a database role per service (deploy/sql/service-roles.sql)");
            serviceRoles(jdbc);
        } else {
            step("Using the PostgreSQL at " + jdbc);
        }
        jwt = DevJwt.persistent(root.resolve(".local/dev-jwt"));
        Path tokenDir = Files.createDirectories(root.resolve(".local/tokens"));
        for (String role : List.of("engineer", "reviewer", "viewer", "service", "admin")) {
            String token = jwt.token("local-" + role, role);
            tokens.put(role, token);
            Files.writeString(tokenDir.resolve(role + ".jwt"), token);
        }
        List<Service> services = List.of(
                new Service("ingest-service", 8081, root.resolve("ingest-service/target/quarkus-app/quarkus-run.jar")),
                new Service("qaqc-service", 8082, root.resolve("qaqc-service/target/quarkus-app/quarkus-run.jar")),
                new Service("mrv-service", 8083, root.resolve("mrv-service/target/quarkus-app/quarkus-run.jar")));
        for (Service s : services) {
            start(s, jdbc);
        }
        for (Service s : services) {
            awaitReady(s);
        }
        registerSamplePlants(services.get(0));
        uploadSamples(services.get(0));
        awaitQueue(services.get(1), "qaqc-service to grade every record", "pending jobs");
        awaitQueue(services.get(2), "mrv-service to compute every plant-day", "pending grade events");
        summary(services);
    }

    /**
     * One role per service, owner of its schema, reading only upstream schemas: the deploy/sql script, run with the
     * local run's fixed development passwords (the embedded server listens on localhost only).
     */
    private void serviceRoles(String jdbc) throws IOException, SQLException {
        String script = Files.readString(root.resolve("deploy/sql/service-roles.sql"))
                .replace("${ingest_password}", "ingest-local").replace("${qaqc_password}", "qaqc-local")
                .replace("${mrv_password}", "mrv-local");
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", ""); Statement st = c.createStatement()) {
            st.execute(script);
        }
        serviceUsers = true;
    }

    private static void createDatabase(String adminUrl, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl, "postgres", "");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
            if (!rs.next()) {
                st.execute("create database " + name);
            }
        }
    }

    private void start(Service s, String jdbc) {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbc);
        String schema = s.name().substring(0, s.name().indexOf('-'));
        env.put("QUARKUS_DATASOURCE_USERNAME", serviceUsers ? schema + "_svc"
                : env("QUARKUS_DATASOURCE_USERNAME", "postgres"));
        env.put("QUARKUS_DATASOURCE_PASSWORD", serviceUsers ? schema + "-local"
                : env("QUARKUS_DATASOURCE_PASSWORD", ""));
        env.put("QUARKUS_HTTP_PORT", String.valueOf(s.port()));
        env.putAll(jwt.serviceEnvironment());
        step("Starting " + s.name() + " on " + s.url() + " (log: .local/logs/" + s.name() + ".log)");
        children.put(s, ServiceProcess.start(s.jar(), log(s), "512m", env));
    }

    private Path log(Service s) {
        return root.resolve(".local/logs/" + s.name() + ".log");
    }

    private void awaitReady(Service s) {
        ServiceProcess.awaitReady(s.url(), children.get(s), Duration.ofSeconds(120), log(s));
        step(s.name() + " is ready");
    }

    /** The sample plants in the registry (a file for an unregistered plant is refused); kept when already there. */
    private void registerSamplePlants(Service ingest) throws IOException, InterruptedException {
        for (String plant : TestPlants.samples()) {
            HttpResponse<String> known = HTTP.send(HttpRequest.newBuilder(URI.create(ingest.url() + "/api/v1/plants/"
                    + plant)).header("Authorization", "Bearer " + tokens.get("engineer")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (known.statusCode() == 200) {
                continue;
            }
            String body = JSON.writeValueAsString(TestPlants.entry(plant, TestPlants.SAMPLE_ZONE));
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(ingest.url() + "/api/v1/plants/"
                    + plant)).header("Authorization", "Bearer " + tokens.get("engineer"))
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            step("Registered " + plant + " (" + TestPlants.SAMPLE_ZONE + "): HTTP " + r.statusCode());
        }
    }

    /** Uploads every sample file; a file named PLANT_X-… that does not name its plant is sent with plant=PLANT_X. */
    private void uploadSamples(Service ingest) throws IOException, InterruptedException {
        Path samples = Files.isDirectory(root.resolve("../shared/samples/ops")) ? root.resolve("../shared/samples")
                : root.resolve("ingest-service/src/test/resources/samples");
        // the exports only: ops/, lab/, sensors/ (not the expected results nor the corpus' README)
        List<Path> files = new ArrayList<>();
        for (String folder : List.of("ops", "lab", "sensors")) {
            try (Stream<Path> walk = Files.walk(samples.resolve(folder))) {
                walk.filter(Files::isRegularFile).sorted().forEach(files::add);
            }
        }
        step("Uploading " + files.size() + " sample files from " + root.relativize(samples));
        for (Path f : files) {
            String name = f.getFileName().toString();
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher m = Pattern.compile("^(PLANT_[A-Za-z0-9]+)-OPS").matcher(name);
            if (m.find()) {
                fields.put("plant", m.group(1));
            }
            HttpResponse<String> r = postMultipart(ingest.url() + "/api/v1/uploads", f, fields);
            String what = switch (r.statusCode()) {
                case 201 -> "stored   ";
                case 200 -> "unchanged";
                default -> "REFUSED " + r.statusCode();
            };
            System.out.printf("  %s %-48s %s%n", what, name, r.statusCode() < 300
                    ? number(r.body(), "records_stored") + " records" : shortReason(r.body()));
        }
    }

    /** The first line of a refusal: its detail, cut to fit a terminal line. */
    private static String shortReason(String problemJson) {
        String detail;
        try {
            JsonNode d = JSON.readTree(problemJson).get("detail");
            detail = d == null ? problemJson : d.asText();
        } catch (IOException e) {
            detail = problemJson;
        }
        detail = detail.replaceAll("\\s+", " ");
        return detail.length() > 90 ? detail.substring(0, 89) + "…" : detail;
    }

    private HttpResponse<String> postMultipart(String url, Path file, Map<String, String> fields)
            throws IOException, InterruptedException {
        Multipart body = new Multipart("mrv-" + UUID.randomUUID());
        fields.forEach(body::field);
        body.file(file.getFileName().toString(), "application/octet-stream", Files.readAllBytes(file));
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + tokens.get("engineer")).header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Waits until a service's work queue (its readiness detail) has claimed every upstream event and has nothing
     * pending, printing progress.
     */
    private void awaitQueue(Service service, String what, String pendingName)
            throws IOException, InterruptedException {
        step("Waiting for " + what);
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(service.url() + "/q/health/ready"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            String pending = number(r.body(), "pending");
            String unclaimed = number(r.body(), "unclaimed_events");
            String now = "  " + pendingName + " " + pending + ", events not yet claimed " + unclaimed;
            if (!now.equals(last)) {
                System.out.println(now);
                last = now;
            }
            if ("0".equals(pending) && "0".equals(unclaimed)) {
                return;
            }
            Thread.sleep(500);
        }
        System.out.println("  still running after 10 minutes; the summary shows what is done");
    }

    private void summary(List<Service> services) throws IOException, InterruptedException {
        String ingest = services.get(0).url();
        System.out.println("\n== What is stored, per plant");
        System.out.printf("  %-10s %12s %12s %16s%n", "plant", "ops days", "lab readings", "sensor readings");
        for (String plant : List.of("PLANT_A", "PLANT_B")) {
            System.out.printf("  %-10s %12s %12s %16s%n", plant,
                    total(ingest + "/api/v1/plants/" + plant + "/operations?size=1"),
                    total(ingest + "/api/v1/plants/" + plant + "/lab-readings?size=1"),
                    total(ingest + "/api/v1/plants/" + plant + "/sensor-readings?size=1"));
        }
        System.out.println("  uploads: " + total(ingest + "/api/v1/uploads?size=1") + " ("
                + total(ingest + "/api/v1/uploads?size=1&status=REJECTED") + " rejected)");
        String qaqc = services.get(1).url();
        System.out.println("\n== Current qaqc flags, per plant and record type");
        System.out.printf("  %-10s %-7s %8s %8s %8s %8s %8s%n", "plant", "type", "GOOD", "NOT_EVAL", "SUSPECT", "FAIL",
                "MISSING");
        for (String plant : List.of("PLANT_A", "PLANT_B")) {
            for (String type : List.of("ops", "lab", "sensor")) {
                String base = qaqc + "/api/v1/grades?size=1&plant=" + plant + "&record_type=" + type + "&flag=";
                System.out.printf("  %-10s %-7s %8s %8s %8s %8s %8s%n", plant, type, total(base + 1), total(base + 2),
                        total(base + 3), total(base + 4), total(base + 9));
            }
        }
        removals(services.get(2).url());
        System.out.println("\n== URLs");
        for (Service s : services) {
            System.out.printf("  %-15s %s/q/swagger-ui   health: %s/q/health%n", s.name(), s.url(), s.url());
        }
        System.out.println("\n== Development tokens (12 h; key pair in .local/dev-jwt, one file per role in .local/tokens)");
        System.out.println("  use: curl -H \"Authorization: Bearer $(cat .local/tokens/viewer.jwt)\" "
                + services.get(2).url() + "/api/v1/plants   (Swagger UI: Authorize, paste a token)");
        for (String role : tokens.keySet()) {
            System.out.printf("  %-9s .local/tokens/%s.jwt%n", role, role);
        }
        System.out.println("  dashboard         " + services.get(2).url() + "/dashboard   (sign in with a token above)");
        System.out.println("  removals API      " + services.get(2).url() + "/api/v1/removals?plant=PLANT_A");
        System.out.println("  CSV / XLSX export " + services.get(2).url() + "/api/v1/removals/export?format=xlsx");
    }

    /** The mrv-service's per-plant summary: days per flag, VALID total, its uncertainty, the conservative total. */
    private void removals(String mrv) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(mrv + "/api/v1/removals/summary"))
                .header("Authorization", "Bearer " + tokens.get("viewer"))
                .build(), HttpResponse.BodyHandlers.ofString());
        System.out.println("\n== Daily CO2 removals (mrv-service), per plant");
        if (r.statusCode() != 200) {
            System.out.println("  summary answered HTTP " + r.statusCode());
            return;
        }
        System.out.printf("  %-10s %-23s %5s %6s %8s %12s %13s %7s %12s %10s %15s%n", "plant", "days", "total",
                "VALID", "INVALID", "MISSING_CA", "INVALID_FLOW", "NO_OPS", "VALID t CO2", "u (t)",
                "conservative t");
        for (JsonNode p : JSON.readTree(r.body())) {
            JsonNode f = p.get("days_by_flag");
            System.out.printf("  %-10s %-23s %5d %6d %8d %12d %13d %7d %12.3f %10.3f %15.3f%n", p.get("plant").asText(),
                    p.get("first_day").asText() + ".." + p.get("last_day").asText(), p.get("days").asInt(),
                    f.get("VALID").asInt(), f.get("INVALID").asInt(), f.get("MISSING_CA_READINGS").asInt(),
                    f.get("INVALID_FLOW").asInt(), f.get("NO_OPS_DATA").asInt(), p.get("valid_co2_t").asDouble(),
                    p.get("u_valid_co2_t").asDouble(), p.get("conservative_valid_co2_t").asDouble());
        }
        System.out.println("  (conservative = VALID total - k*u; k and the correlation assumption: "
                + mrv + "/api/v1/removals/methodology)");
    }

    private String total(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + tokens.get("viewer")).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? number(r.body(), "total") : "HTTP " + r.statusCode();
    }

    private static String number(String json, String field) {
        Matcher m = Pattern.compile(String.format(NUMBER_FIELD.pattern(), Pattern.quote(field))).matcher(json);
        return m.find() ? m.group(2) : "?";
    }

    private synchronized void stop() {
        for (Process p : children.values()) {
            p.destroy();
        }
        for (Process p : children.values()) {
            try {
                if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        children.clear();
        if (postgres != null) {
            postgres.close();
            postgres = null;
            System.out.println("Stopped.");
        }
    }

    private static void step(String s) {
        System.out.println("-> " + s);
    }

    private static String env(String name, String def) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? def : v;
    }
}
