import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Turns what bench/run measured into the report: {@code java Report.java <raw-dir> <out.md> <out.json>}.
 * {@code <raw-dir>} holds run.properties (facts of the run) and one {@code <scenario>@<connections>.properties} per
 * wrk run (wrk's numbers from wrk/report.lua plus the CPU ticks bench/run read from /proc), and optionally
 * profile.jfr. Prints the summary table at the end. No dependency: a single-file program for the JDK 25 launcher.
 */
public final class Report {

    record Scenario(String id, String title) {
    }

    static final List<Scenario> SCENARIOS = List.of(
            new Scenario("a", "direct: GET api/components/search on the fake (baseline)"),
            new Scenario("b", "GET /actions/projects through the service (Apache HttpClient 5, the default)"),
            new Scenario("b-jdk", "GET /actions/projects through the service (JDK HttpClient)"),
            new Scenario("c", "POST /actions/rpc sonarcloud_list_projects"),
            new Scenario("d", "GET /actions/projects while the region's breaker is open (503 expected)"),
            new Scenario("e", "POST /connect (validate + organizations + users/current upstream, one insert)"),
            new Scenario("f", "GET /actions/projects, 100,000 accounts in the database, 1,000 rotating"),
            new Scenario("b2", "(b) again right after (f), same instance: with (b), the reference of (f)"));

    /** Scenarios compared with (a): added latency and throughput ratio. */
    static final Set<String> COMPARED = Set.of("b", "b-jdk", "c", "f", "b2");

    record Run(String scenario, int connections, Properties p) {
        double d(String key) {
            String value = p.getProperty(key);
            return value == null || value.isBlank() ? Double.NaN : Double.parseDouble(value);
        }

        double rps() {
            return d("rps");
        }

        double ms(String percentileKey) {
            return d(percentileKey) / 1000.0;
        }

        long requests() {
            return (long) d("requests");
        }

        /** Service CPU per request in microseconds, from /proc/<pid>/stat utime+stime over the measured run. */
        double serviceCpuMicros() {
            return d("service_cpu_ticks") / d("clk_tck") * 1e6 / requests();
        }

        double perRequestMicros(String ticksKey) {
            return d(ticksKey) / d("clk_tck") * 1e6 / requests();
        }

        double fakeCpuMicros() {
            return d("fake_cpu_ticks") / d("clk_tck") * 1e6 / requests();
        }

        /** CPU used by processes other than the service, the fake and wrk during the measured seconds, in cores. */
        double otherCores() {
            return d("other_cpu_ticks") / d("clk_tck") / (d("duration_us") / 1e6);
        }

        double wrkCpuMicros() {
            return d("wrk_cpu_ticks") / d("clk_tck") * 1e6 / requests();
        }

        double upstreamPerRequest() {
            return d("upstream_requests") / requests();
        }

        long failures() {
            return (long) (d("non_2xx") + d("errors_connect") + d("errors_read") + d("errors_write") + d("errors_timeout"));
        }
    }

    record Target(String name, String description, double value, double limit, boolean atMost, String unit) {
        boolean pass() {
            return !Double.isNaN(value) && (atMost ? value <= limit : value >= limit);
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length >= 2 && args[0].equals("jfr")) {
            System.out.print(profile(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 15));
            return;
        }
        Path raw = Path.of(args[0]);
        Properties facts = load(raw.resolve("run.properties"));
        Map<String, Run> runs = new LinkedHashMap<>();
        List<Run> ordered = new ArrayList<>();
        try (Stream<Path> files = Files.list(raw)) {
            for (Path file : files.filter(f -> f.getFileName().toString().contains("@")
                    && f.getFileName().toString().endsWith(".properties")).sorted().toList()) {
                String name = file.getFileName().toString().replace(".properties", "");
                String[] parts = name.split("@");
                Run run = new Run(parts[0], Integer.parseInt(parts[1]), load(file));
                runs.put(name, run);
            }
        }
        for (Scenario s : SCENARIOS) {
            runs.values().stream().filter(r -> r.scenario().equals(s.id()))
                    .sorted((x, y) -> Integer.compare(x.connections(), y.connections())).forEach(ordered::add);
        }
        int low = Integer.parseInt(facts.getProperty("connections_low", "8"));
        int high = Integer.parseInt(facts.getProperty("connections_high", "32"));

        List<Target> targets = new ArrayList<>();
        Run b = runs.get("b@" + high);
        Run a = runs.get("a@" + high);
        Run bLow = runs.get("b@" + low);
        Run aLow = runs.get("a@" + low);
        Run dLow = runs.get("d@" + low);
        Run f = runs.get("f@" + high);
        Run b2 = runs.get("b2@" + high);
        double bReference = b == null ? Double.NaN : b2 == null ? b.rps() : (b.rps() + b2.rps()) / 2;
        targets.add(new Target("service_cpu_us_per_request", "service CPU per proxied read (b, " + high + " connections)",
                b == null ? Double.NaN : b.serviceCpuMicros(), 150, true, "µs"));
        targets.add(new Target("throughput_ratio_b_to_a", "throughput of (b) / (a) at " + high + " connections",
                b == null || a == null ? Double.NaN : b.rps() / a.rps(), 0.30, false, ""));
        targets.add(new Target("added_latency_p50_ms", "added p50 latency, (b) - (a) at " + low + " connections",
                bLow == null || aLow == null ? Double.NaN : bLow.ms("lat_p50_us") - aLow.ms("lat_p50_us"), 1, true, "ms"));
        targets.add(new Target("added_latency_p99_ms", "added p99 latency, (b) - (a) at " + low + " connections",
                bLow == null || aLow == null ? Double.NaN : bLow.ms("lat_p99_us") - aLow.ms("lat_p99_us"), 5, true, "ms"));
        targets.add(new Target("open_breaker_p99_ms", "p99 of the fail-fast answer, breaker open (d, " + low + " connections)",
                dLow == null ? Double.NaN : dLow.ms("lat_p99_us"), 2, true, "ms"));
        targets.add(new Target("rss_peak_mb", "service resident memory, peak (VmHWM) over the whole run",
                num(facts, "rss_peak_kb") / 1024.0, 512, true, "MB"));
        targets.add(new Target("startup_to_ready_s", "start of `java -jar` to readiness 200 (first start, empty schema)",
                num(facts, "startup_ms") / 1000.0, 5, true, "s"));
        targets.add(new Target("f_throughput_to_b", "throughput of (f) / the mean of (b) and (b2) at " + high
                + " connections (within 10%)", f == null ? Double.NaN : f.rps() / bReference, 0.90, false, ""));

        String table = table(ordered, runs);
        String targetTable = targetTable(targets);
        String profileB = Files.exists(raw.resolve("profile-b.jfr"))
                ? profile(raw.resolve("profile-b.jfr"), 15, b == null ? Double.NaN : b.serviceCpuMicros()) : "";
        String profileD = Files.exists(raw.resolve("profile-d.jfr"))
                ? profile(raw.resolve("profile-d.jfr"), 10, dLow == null ? Double.NaN : dLow.serviceCpuMicros()) : "";

        StringBuilder md = new StringBuilder();
        md.append("# Benchmark ").append(facts.getProperty("date", "")).append("\n\n");
        md.append("`bench/run` on ").append(facts.getProperty("machine", "?")).append(". Commit ")
                .append(facts.getProperty("commit", "?")).append(facts.getProperty("uncommitted_files", "0").equals("0") ? "" : " with "
                        + facts.getProperty("uncommitted_files") + " uncommitted files")
                .append(". See bench/README.md for what each line means.\n\n");
        md.append("- Service: `java ").append(facts.getProperty("jvm_opts", "")).append(" -jar ")
                .append(facts.getProperty("jar", "")).append("` (").append(facts.getProperty("java_version", "")).append(")\n");
        md.append("- Database: ").append(facts.getProperty("database", "")).append("; linked accounts during (f): ")
                .append(facts.getProperty("accounts_total", "?")).append("\n");
        md.append("- Fake SonarQube Cloud: ").append(facts.getProperty("fake", "")).append("\n");
        md.append("- Load: wrk ").append(facts.getProperty("wrk_version", "")).append(", ")
                .append(facts.getProperty("wrk_threads", "")).append(" threads, keep-alive, ")
                .append(facts.getProperty("warmup_s", "")).append(" s warm-up then ")
                .append(facts.getProperty("duration_s", "")).append(" s measured per line; the service was warmed up ")
                .append(facts.getProperty("service_warmup_s", "")).append(" s before the first line through it.\n");
        md.append("- Whole run: ").append(facts.getProperty("elapsed_s", "?")).append(" s\n\n");
        md.append("## Targets\n\n").append(targetTable).append('\n');
        md.append("## Scenarios\n\n").append(table).append('\n');
        md.append("Latencies in ms. *added* = this line minus (a) at the same connections; *ratio* = requests/s of this "
                + "line / requests/s of (a) at the same connections. *CPU* = the service process's own CPU "
                + "(utime+stime from /proc/<pid>/stat) during the measured seconds, per request, all threads; *GC µs* and *JIT µs* are the parts of it spent in the GC/VM threads and in the JIT "
                + "compiler threads; *fake* and *DB* likewise for the fake and for the embedded PostgreSQL (with its backends). *up/req* = calls the fake received per request. *fail* = non-2xx answers and socket errors "
                + "(expected only in (d), which answers 503). *others* = CPU used meanwhile by every other process on the "
                + "machine, in cores (of 2), kernel network work not charged to a process included (about 0.05): above 0.15 the line was disturbed.\n\n");
        double worst = ordered.stream().mapToDouble(Run::otherCores).filter(x -> !Double.isNaN(x)).max().orElse(0);
        if (worst > 0.15) {
            md.append("**Warning: other processes used up to ").append(fmt(worst, 2))
                    .append(" cores during measured lines; those numbers are pessimistic.**\n\n");
        }
        for (Scenario s : SCENARIOS) {
            md.append("- (").append(s.id()).append(") ").append(s.title()).append('\n');
        }
        md.append("\n## Service process\n\n");
        md.append("| measure | value |\n|---|---|\n");
        row(md, "start-up to ready, first start (migrations on an empty schema)", fmt(num(facts, "startup_ms") / 1000.0, 2) + " s");
        row(md, "  Spring's own \"Started ... in\" (first start)", facts.getProperty("spring_started_s", "?") + " s");
        row(md, "start-up to ready, second start (JDK client)", fmt(num(facts, "startup_jdk_ms") / 1000.0, 2) + " s");
        row(md, "RSS peak (VmHWM), Apache instance, after (a)-(f)", fmt(num(facts, "rss_peak_kb") / 1024.0, 0) + " MB");
        row(md, "RSS peak (VmHWM), JDK-client instance", fmt(num(facts, "rss_peak_jdk_kb") / 1024.0, 0) + " MB");
        row(md, "heap used right after load / committed", fmt(num(facts, "heap_used_kb") / 1024.0, 0) + " MB / "
                + fmt(num(facts, "heap_committed_kb") / 1024.0, 0) + " MB");
        row(md, "heap live after a full GC (jcmd GC.run)", fmt(num(facts, "heap_live_kb") / 1024.0, 0) + " MB");
        row(md, "GC during the Apache instance's life", facts.getProperty("gc_summary", "?"));
        row(md, "threads at the end (live / peak)", facts.getProperty("threads", "?"));
        row(md, "(d): the 503 answer closes the connection (`Connection: close`), so each call reconnects",
                facts.getProperty("d_connection_close", "?"));
        md.append('\n');
        if (!profileB.isEmpty()) {
            md.append("## Profile of (b) at ").append(high).append(" connections (JFR, a separate pass after the measured lines)\n\n")
                    .append(profileB).append('\n');
        }
        if (!profileD.isEmpty()) {
            md.append("## Profile of (d), breaker open, at ").append(low).append(" connections (JFR, a separate pass)\n\n")
                    .append(profileD).append('\n');
        }
        Files.writeString(Path.of(args[1]), md.toString());

        StringBuilder json = new StringBuilder("{\n");
        json.append("  \"date\": ").append(q(facts.getProperty("date", ""))).append(",\n");
        json.append("  \"run\": {");
        boolean first = true;
        for (String key : new java.util.TreeSet<>(facts.stringPropertyNames())) {
            json.append(first ? "\n" : ",\n").append("    ").append(q(key)).append(": ").append(value(facts.getProperty(key)));
            first = false;
        }
        json.append("\n  },\n  \"scenarios\": {");
        first = true;
        for (Run r : ordered) {
            Run base = runs.get("a@" + r.connections());
            json.append(first ? "\n" : ",\n").append("    ").append(q(r.scenario() + "@" + r.connections())).append(": {");
            first = false;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scenario", r.scenario());
            m.put("connections", r.connections());
            m.put("requests", r.requests());
            m.put("rps", round(r.rps(), 1));
            m.put("p50_ms", round(r.ms("lat_p50_us"), 3));
            m.put("p90_ms", round(r.ms("lat_p90_us"), 3));
            m.put("p99_ms", round(r.ms("lat_p99_us"), 3));
            m.put("p99_9_ms", round(r.ms("lat_p99_9_us"), 3));
            m.put("max_ms", round(r.ms("lat_max_us"), 3));
            m.put("failures", r.failures());
            m.put("service_cpu_us_per_request", round(r.serviceCpuMicros(), 1));
            m.put("service_cpu_s_per_1000_requests", round(r.serviceCpuMicros() / 1000.0, 4));
            m.put("service_gc_vm_cpu_us_per_request", round(r.perRequestMicros("service_gc_vm_cpu_ticks"), 1));
            m.put("service_jit_cpu_us_per_request", round(r.perRequestMicros("service_jit_cpu_ticks"), 1));
            m.put("fake_cpu_us_per_request", round(r.fakeCpuMicros(), 1));
            m.put("db_cpu_us_per_request", round(r.perRequestMicros("db_cpu_ticks"), 1));
            m.put("wrk_cpu_us_per_request", round(r.wrkCpuMicros(), 1));
            m.put("upstream_calls_per_request", round(r.upstreamPerRequest(), 3));
            m.put("other_processes_cores", round(r.otherCores(), 2));
            if (COMPARED.contains(r.scenario()) && base != null) {
                m.put("added_p50_ms", round(r.ms("lat_p50_us") - base.ms("lat_p50_us"), 3));
                m.put("added_p99_ms", round(r.ms("lat_p99_us") - base.ms("lat_p99_us"), 3));
                m.put("throughput_ratio_to_a", round(r.rps() / base.rps(), 3));
            }
            boolean firstField = true;
            for (var e : m.entrySet()) {
                json.append(firstField ? "" : ", ").append(q(e.getKey())).append(": ").append(jsonValue(e.getValue()));
                firstField = false;
            }
            json.append('}');
        }
        json.append("\n  },\n  \"targets\": {");
        first = true;
        for (Target t : targets) {
            json.append(first ? "\n" : ",\n").append("    ").append(q(t.name())).append(": {\"value\": ")
                    .append(jsonValue(round(t.value(), 3))).append(", \"limit\": ").append(jsonValue(t.limit()))
                    .append(", \"pass\": ").append(t.pass()).append(", \"comparison\": ").append(q(t.atMost() ? "<=" : ">="))
                    .append(", \"unit\": ").append(q(t.unit())).append(", \"description\": ").append(q(t.description())).append('}');
            first = false;
        }
        json.append("\n  },\n  \"all_targets_pass\": ").append(targets.stream().allMatch(Target::pass)).append("\n}\n");
        Files.writeString(Path.of(args[2]), json.toString());

        System.out.println();
        System.out.println(table);
        System.out.println(targetTable);
    }

    static String table(List<Run> ordered, Map<String, Run> runs) {
        StringBuilder t = new StringBuilder();
        t.append("| scenario | conns | req/s | p50 | p90 | p99 | added p50 | added p99 | ratio to (a) | CPU µs/req | GC µs | JIT µs | CPU s/1k req | fake µs/req | DB µs/req | up/req | fail | others |\n");
        t.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Run r : ordered) {
            Run base = runs.get("a@" + r.connections());
            boolean compared = COMPARED.contains(r.scenario()) && base != null;
            t.append("| ").append(r.scenario()).append(" | ").append(r.connections())
                    .append(" | ").append(fmt(r.rps(), 0))
                    .append(" | ").append(fmt(r.ms("lat_p50_us"), 2))
                    .append(" | ").append(fmt(r.ms("lat_p90_us"), 2))
                    .append(" | ").append(fmt(r.ms("lat_p99_us"), 2))
                    .append(" | ").append(compared ? fmt(r.ms("lat_p50_us") - base.ms("lat_p50_us"), 2) : "")
                    .append(" | ").append(compared ? fmt(r.ms("lat_p99_us") - base.ms("lat_p99_us"), 2) : "")
                    .append(" | ").append(compared ? fmt(r.rps() / base.rps(), 3) : "")
                    .append(" | ").append(r.scenario().equals("a") ? "—" : fmt(r.serviceCpuMicros(), 0))
                    .append(" | ").append(r.scenario().equals("a") ? "—" : fmt(r.perRequestMicros("service_gc_vm_cpu_ticks"), 0))
                    .append(" | ").append(r.scenario().equals("a") ? "—" : fmt(r.perRequestMicros("service_jit_cpu_ticks"), 0))
                    .append(" | ").append(r.scenario().equals("a") ? "—" : fmt(r.serviceCpuMicros() / 1000.0, 3))
                    .append(" | ").append(fmt(r.fakeCpuMicros(), 0))
                    .append(" | ").append(fmt(r.perRequestMicros("db_cpu_ticks"), 0))
                    .append(" | ").append(fmt(r.upstreamPerRequest(), 2))
                    .append(" | ").append(r.failures())
                    .append(" | ").append(fmt(Math.max(0, r.otherCores()), 2))
                    .append(" |\n");
        }
        return t.toString();
    }

    static String targetTable(List<Target> targets) {
        StringBuilder t = new StringBuilder("| target | value | limit | pass |\n|---|---:|---:|---|\n");
        for (Target target : targets) {
            t.append("| ").append(target.name()).append(" — ").append(target.description()).append(" | ")
                    .append(fmt(target.value(), target.unit().equals("µs") || target.unit().equals("MB") ? 0 : 3))
                    .append(target.unit().isEmpty() ? "" : " " + target.unit())
                    .append(" | ").append(target.atMost() ? "≤ " : "≥ ").append(fmt(target.limit(), target.limit() < 1 ? 2 : 0))
                    .append(target.unit().isEmpty() ? "" : " " + target.unit())
                    .append(" | ").append(target.pass() ? "PASS" : "**FAIL**").append(" |\n");
        }
        return t.toString();
    }

    /** Hottest frames of jdk.ExecutionSample: by self time, and by inclusive time for the project's own code. */
    /** Buckets of the breakdown: the first one whose frame is on a sample's stack takes the sample. */
    static final List<String[]> BUCKETS = List.of(
            new String[] {"upstream call: RestClient → HTTP client → socket", "org.springframework.web.client.DefaultRestClient$DefaultRequestBodyUriSpec.exchange"},
            new String[] {"upstream JSON parsing (SonarResponse.json)", "dev.connector.sonarcloud.sonar.SonarResponse.json"},
            new String[] {"mapping items (Action.items: Mapping, Normalize)", "dev.connector.sonarcloud.action.Action.items"},
            new String[] {"exception resolution (error answers)", "org.springframework.web.servlet.DispatcherServlet.processHandlerException"},
            new String[] {"writing the response (message converters, Jackson)", "org.springframework.web.servlet.mvc.method.annotation.AbstractMessageConverterMethodProcessor.writeWithMessageConverters"},
            new String[] {"handler lookup (DispatcherServlet.getHandler)", "org.springframework.web.servlet.DispatcherServlet.getHandler"},
            new String[] {"argument resolution (body, headers, Caller)", "org.springframework.web.method.support.InvocableHandlerMethod.getMethodArgumentValues"},
            new String[] {"auth (CallerInterceptor)", "dev.connector.sonarcloud.auth.CallerInterceptor.preHandle"},
            new String[] {"the rest of the action (ActionExecutor.execute)", "dev.connector.sonarcloud.action.ActionExecutor.execute"},
            new String[] {"the rest of Spring MVC (doDispatch)", "org.springframework.web.servlet.DispatcherServlet.doDispatch"},
            new String[] {"servlet filters (ours and Spring's), rest", "org.apache.catalina.core.ApplicationFilterChain.doFilter"},
            new String[] {"Tomcat: HTTP parsing, socket I/O, pollers", "org.apache."},
            new String[] {"JDK I/O and threads (pollers, schedulers)", "java."});

    static String profile(Path jfr, int top) throws IOException {
        return profile(jfr, top, Double.NaN);
    }

    static String profile(Path jfr, int top, double cpuMicros) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> project = new HashMap<>();
        Map<String, Integer> packages = new HashMap<>();
        Map<String, Integer> buckets = new LinkedHashMap<>();
        for (String[] bucket : BUCKETS) {
            buckets.put(bucket[0], 0);
        }
        buckets.put("other", 0);
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            self.merge(name(frames.get(0)), 1, Integer::sum);
            packages.merge(area(frames.get(0)), 1, Integer::sum);
            String bucketOf = "other";
            search:
            for (String[] bucket : BUCKETS) {
                for (RecordedFrame frame : frames) {
                    if (name(frame).startsWith(bucket[1])) {
                        bucketOf = bucket[0];
                        break search;
                    }
                }
            }
            buckets.merge(bucketOf, 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            boolean projectSeen = false;
            for (RecordedFrame frame : frames) {
                String n = name(frame);
                if (seen.add(n)) {
                    inclusive.merge(n, 1, Integer::sum);
                }
                if (!projectSeen && n.startsWith("dev.connector.")) {
                    project.merge(n, 1, Integer::sum);
                    projectSeen = true;
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(samples).append(" execution samples (").append(jfr.getFileName()).append(").\n\n");
        out.append("**Where the time goes** (each sample counted once, in the first bucket whose frame is on its stack;"
                + " Java samples only, so GC, JIT and kernel time are not in it")
                .append(Double.isNaN(cpuMicros) ? "" : "; ≈ µs = share × the line's " + fmt(cpuMicros, 0) + " µs of CPU per request")
                .append(")\n\n| samples | share |").append(Double.isNaN(cpuMicros) ? "" : " ≈ µs/req |").append(" bucket |\n|---:|---:|")
                .append(Double.isNaN(cpuMicros) ? "" : "---:|").append("---|\n");
        for (var e : buckets.entrySet()) {
            if (e.getValue() == 0) {
                continue;
            }
            double share = (double) e.getValue() / Math.max(1, samples);
            out.append("| ").append(e.getValue()).append(" | ").append(fmt(100 * share, 1)).append("% |")
                    .append(Double.isNaN(cpuMicros) ? "" : " " + fmt(share * cpuMicros, 0) + " |")
                    .append(" ").append(e.getKey()).append(" |\n");
        }
        out.append('\n');
        section(out, "Top frames by self time (where the CPU is spent)", self, samples, top);
        section(out, "Self time by area (package of the top frame)", packages, samples, top);
        section(out, "Innermost project frame on the stack (which of our calls leads there)", project, samples, top);
        Map<String, Integer> ours = new HashMap<>();
        inclusive.forEach((k, v) -> {
            if (k.startsWith("dev.connector.")) {
                ours.put(k, v);
            }
        });
        section(out, "Project methods by inclusive time (share of samples with the method on the stack)", ours, samples, top + 10);
        Map<String, Integer> below = new HashMap<>();
        int half = samples / 2;
        inclusive.forEach((k, v) -> {
            if (!k.startsWith("dev.connector.") && v < half && !k.startsWith("java.lang.Thread.")
                    && !k.startsWith("java.lang.VirtualThread") && !k.startsWith("jdk.internal.vm.")
                    && !k.startsWith("java.util.concurrent.ThreadPoolExecutor") && !k.contains("$$Lambda")
                    && !k.startsWith("java.lang.invoke.") && !k.startsWith("jdk.internal.reflect.")
                    && !k.startsWith("java.lang.reflect.") && !k.startsWith("java.lang.ScopedValue")) {
                below.put(k, v);
            }
        });
        section(out, "Other methods by inclusive time (below the request plumbing: on fewer than half of the samples)",
                below, samples, top + 10);
        return out.toString();
    }

    static void section(StringBuilder out, String title, Map<String, Integer> counts, int samples, int top) {
        out.append("**").append(title).append("**\n\n| samples | share | frame |\n|---:|---:|---|\n");
        counts.entrySet().stream().sorted((x, y) -> Integer.compare(y.getValue(), x.getValue())).limit(top)
                .forEach(e -> out.append("| ").append(e.getValue()).append(" | ")
                        .append(fmt(100.0 * e.getValue() / Math.max(1, samples), 1)).append("% | `")
                        .append(e.getKey()).append("` |\n"));
        out.append('\n');
    }

    static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    static String area(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        String[] parts = type.split("\\.");
        int depth = type.startsWith("dev.connector.") ? 4 : type.startsWith("org.") || type.startsWith("com.")
                || type.startsWith("tools.") || type.startsWith("io.") ? 3 : 2;
        return String.join(".", java.util.Arrays.copyOf(parts, Math.min(depth, parts.length - 1)));
    }

    static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                p.load(reader);
            }
        }
        return p;
    }

    static double num(Properties p, String key) {
        try {
            return Double.parseDouble(p.getProperty(key, "NaN"));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    static String fmt(double v, int decimals) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "n/a" : String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    static Object round(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return null;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }

    static String jsonValue(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String text) {
            return q(text);
        }
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
        }
        return v.toString();
    }

    static String value(String raw) {
        if (raw.matches("-?\\d+(\\.\\d+)?")) {
            return raw;
        }
        return q(raw);
    }

    static String q(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
