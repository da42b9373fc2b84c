import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Turns what bench/run measured into the report: {@code java Report.java <raw-dir> <out.md> <out.json>}.
 * {@code <raw-dir>} holds run.properties (facts of the run) and one {@code <line>@<connections>#<repeat>.properties}
 * per wrk run (wrk's numbers from wrk/report.lua plus the CPU ticks bench/run read from /proc), and optionally
 * JFR recordings. Every line was measured in several interleaved repeats: the report gives the median and the
 * min–max of each figure, and reads comparisons (to nginx, to the direct line, to the baseline) as the median of
 * the ratios of repeats measured side by side. Prints the summary at the end. No dependency: a single-file program
 * for the JDK 25 launcher.
 */
public final class Report {

    record Scenario(String id, String title) {
    }

    static final List<Scenario> SCENARIOS = List.of(
            new Scenario("a", "direct: GET api/components/search on the fake (the floor)"),
            new Scenario("n", "nginx as a keep-alive reverse proxy to the same fake (the reference)"),
            new Scenario("b", "GET /actions/projects through the service"),
            new Scenario("b-base", "GET /actions/projects through the baseline's service (--baseline)"),
            new Scenario("m", "the floor of the stack (BENCH_FLOOR=1): FloorProxy's GET /floor/raw, a bare Spring Boot Web MVC "
                    + "(Tomcat) app forwarding (b)'s upstream call with the same Apache HttpClient, the body's bytes as they came"),
            new Scenario("mj", "(m) with the least JSON work (BENCH_FLOOR=1): FloorProxy's GET /floor/json, the body read into a "
                    + "Jackson tree and written back through Spring's message converter"),
            new Scenario("t", "(m) without Spring (BENCH_FLOOR=1): FloorTomcat's GET /floor/raw, one HttpServlet on an embedded "
                    + "Tomcat started directly, the same Apache HttpClient"),
            new Scenario("c", "POST /actions/rpc sonarcloud_list_projects"),
            new Scenario("f", "GET /actions/projects, 100,000 accounts in the database, 1,000 rotating"),
            new Scenario("b2", "(b) interleaved with (f), same instance: the reference of (f)"),
            new Scenario("d", "GET /actions/projects while the region's breaker is open (503 expected)"),
            new Scenario("e", "POST /connect (validate + organizations + users/current upstream, one insert)"));

    record Run(String line, String scenario, int connections, int repeat, Properties p) {
        double d(String key) {
            String value = p.getProperty(key);
            if (value == null || value.isBlank()) {
                return Double.NaN;
            }
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }

        double rps() {
            return d("rps");
        }

        double ms(String percentileKey) {
            return d(percentileKey) / 1000.0;
        }

        double requests() {
            return d("requests");
        }

        /** CPU per request of the proxy (the service, or nginx), in µs, from /proc utime+stime over the measured run. */
        double serviceCpuMicros() {
            return perRequestMicros("service_cpu_ticks");
        }

        double perRequestMicros(String ticksKey) {
            return d(ticksKey) / d("clk_tck") * 1e6 / requests();
        }

        double otherCores() {
            return d("other_cpu_ticks") / d("clk_tck") / (d("duration_us") / 1e6);
        }

        double upstreamPerRequest() {
            return d("upstream_requests") / requests();
        }

        double failures() {
            return d("non_2xx") + d("errors_connect") + d("errors_read") + d("errors_write") + d("errors_timeout");
        }
    }

    /** Median and range of one figure over the repeats. */
    record Stat(double median, double min, double max, int n) {
        static Stat of(List<Double> values) {
            List<Double> v = values.stream().filter(x -> !Double.isNaN(x) && !Double.isInfinite(x)).sorted().toList();
            if (v.isEmpty()) {
                return new Stat(Double.NaN, Double.NaN, Double.NaN, 0);
            }
            int k = v.size();
            double median = k % 2 == 1 ? v.get(k / 2) : (v.get(k / 2 - 1) + v.get(k / 2)) / 2;
            return new Stat(median, v.get(0), v.get(k - 1), k);
        }

        String show(int decimals) {
            if (n <= 1) {
                return fmt(median, decimals);
            }
            return fmt(median, decimals) + " (" + fmt(min, decimals) + "–" + fmt(max, decimals) + ")";
        }
    }

    record Target(String name, String description, Stat value, double limit, boolean atMost, String unit) {
        boolean pass() {
            return !Double.isNaN(value.median()) && (atMost ? value.median() <= limit : value.median() >= limit);
        }
    }

    /** Every line's repeats: "b@32" → its runs in repeat order. */
    static final Map<String, List<Run>> LINES = new LinkedHashMap<>();

    static List<Run> runs(String line) {
        return LINES.getOrDefault(line, List.of());
    }

    static Stat stat(String line, ToDoubleFunction<Run> figure) {
        return Stat.of(runs(line).stream().map(r -> figure.applyAsDouble(r)).toList());
    }

    /** A figure of two lines measured side by side, repeat by repeat, e.g. b's CPU over n's: the median of the pairs. */
    static Stat paired(String line, String reference, BiFunction<Run, Run, Double> figure) {
        Map<Integer, Run> byRepeat = new HashMap<>();
        runs(reference).forEach(r -> byRepeat.put(r.repeat(), r));
        List<Double> values = new ArrayList<>();
        for (Run r : runs(line)) {
            Run ref = byRepeat.get(r.repeat());
            if (ref != null) {
                values.add(figure.apply(r, ref));
            }
        }
        return Stat.of(values);
    }

    public static void main(String[] args) throws IOException {
        if (args.length >= 2 && args[0].equals("jfr")) {
            System.out.print(profile(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 15));
            return;
        }
        Path raw = Path.of(args[0]);
        Properties facts = load(raw.resolve("run.properties"));
        List<Run> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(raw)) {
            for (Path file : files.filter(f -> f.getFileName().toString().contains("@")
                    && f.getFileName().toString().endsWith(".properties")).toList()) {
                String name = file.getFileName().toString().replace(".properties", "");
                String[] lineAndRepeat = name.split("#");
                String[] parts = lineAndRepeat[0].split("@");
                all.add(new Run(lineAndRepeat[0], parts[0], Integer.parseInt(parts[1]),
                        lineAndRepeat.length > 1 ? Integer.parseInt(lineAndRepeat[1]) : 1, load(file)));
            }
        }
        List<String> order = new ArrayList<>();
        for (Scenario s : SCENARIOS) {
            order.add(s.id());
        }
        all.sort(Comparator.<Run>comparingInt(r -> order.indexOf(baseScenario(r.scenario())) < 0 ? 99 : order.indexOf(baseScenario(r.scenario())))
                .thenComparingInt(r -> sizeOf(r.scenario())).thenComparing(r -> r.scenario())
                .thenComparingInt(Run::connections).thenComparingInt(Run::repeat));
        for (Run r : all) {
            LINES.computeIfAbsent(r.line(), k -> new ArrayList<>()).add(r);
        }
        int low = Integer.parseInt(facts.getProperty("connections_low", "8"));
        int high = Integer.parseInt(facts.getProperty("connections_high", "32"));
        String b = "b@" + high, n = "n@" + high, a = "a@" + high, bLow = "b@" + low, aLow = "a@" + low, nLow = "n@" + low;

        List<Target> targets = new ArrayList<>();
        targets.add(new Target("service_cpu_to_nginx", "service CPU per proxied read (b) / nginx's (n), " + high + " connections",
                paired(b, n, (x, y) -> x.serviceCpuMicros() / y.serviceCpuMicros()), 3, true, "×"));
        targets.add(new Target("throughput_ratio_b_to_nginx", "requests/s of (b) / (n) at " + high + " connections",
                paired(b, n, (x, y) -> x.rps() / y.rps()), 0.45, false, ""));
        targets.add(new Target("added_latency_p50_ms", "added p50 latency, (b) − (a) at " + low + " connections",
                paired(bLow, aLow, (x, y) -> x.ms("lat_p50_us") - y.ms("lat_p50_us")), 0.5, true, "ms"));
        targets.add(new Target("added_latency_p99_ms", "added p99 latency, (b) − (a) at " + low + " connections",
                paired(bLow, aLow, (x, y) -> x.ms("lat_p99_us") - y.ms("lat_p99_us")), 3, true, "ms"));
        targets.add(new Target("open_breaker_p99_ms", "p99 of the fail-fast 503, breaker open (d, " + low + " connections, kept-alive)",
                stat("d@" + low, r -> r.ms("lat_p99_us")), 1, true, "ms"));
        targets.add(new Target("rss_peak_mb", "service resident memory, peak (VmHWM) over all of its load",
                Stat.of(List.of(num(facts, "rss_peak_kb") / 1024.0)), 300, true, "MB"));
        List<Double> shipped = new ArrayList<>();
        List<Double> jar = new ArrayList<>();
        for (int i = 1; i <= (int) num(facts, "startup_runs"); i++) {
            shipped.add(num(facts, "startup_shipped_" + i + "_ms") / 1000.0);
            jar.add(num(facts, "startup_jar_" + i + "_ms") / 1000.0);
        }
        targets.add(new Target("startup_to_ready_shipped_s", "start to readiness 200, the image's form (layers + AOT cache), migrated schema",
                Stat.of(shipped), 3, true, "s"));
        targets.add(new Target("startup_to_ready_jar_s", "start of a plain `java -jar` to readiness 200, migrated schema",
                Stat.of(jar), 6, true, "s"));
        targets.add(new Target("f_throughput_to_b", "requests/s of (f) / (b2), interleaved, " + high
                + " connections (within 10%)", paired("f@" + high, "b2@" + high, (x, y) -> x.rps() / y.rps()), 0.90, false, ""));

        String table = table(low, high);
        String targetTable = targetTable(targets);
        Stat bCpu = stat(b, Run::serviceCpuMicros);
        String profileB = Files.exists(raw.resolve("profile-b.jfr")) ? profile(raw.resolve("profile-b.jfr"), 15, bCpu.median()) : "";
        String profileD = Files.exists(raw.resolve("profile-d.jfr"))
                ? profile(raw.resolve("profile-d.jfr"), 10, stat("d@" + low, Run::serviceCpuMicros).median()) : "";

        StringBuilder md = new StringBuilder();
        md.append("# Benchmark ").append(facts.getProperty("date", "")).append("\n\n");
        md.append("`bench/run").append(facts.getProperty("baseline", "").isEmpty() ? "" : " --baseline " + facts.getProperty("baseline"))
                .append("` on ").append(facts.getProperty("machine", "?")).append(". Commit ")
                .append(facts.getProperty("commit", "?")).append(facts.getProperty("uncommitted_files", "0").equals("0") ? "" : " with "
                        + facts.getProperty("uncommitted_files") + " uncommitted files")
                .append(". See bench/README.md for what each line means.\n\n");
        md.append("- Service: `java ").append(facts.getProperty("jvm_opts", "")).append(" -jar ")
                .append(facts.getProperty("jar", "")).append("` (").append(facts.getProperty("java_version", "")).append(")\n");
        md.append("- Reference: nginx ").append(facts.getProperty("nginx_version", "")).append(" (Debian nginx-light), keep-alive "
                + "reverse proxy to the same fake, one worker per core, no access log\n");
        md.append("- Database: ").append(facts.getProperty("database", "")).append("; linked accounts during (f): ")
                .append(facts.getProperty("accounts_total", "?")).append("\n");
        md.append("- Fake SonarQube Cloud: ").append(facts.getProperty("fake", "")).append("\n");
        md.append("- Load: wrk ").append(facts.getProperty("wrk_version", "")).append(", ")
                .append(facts.getProperty("wrk_threads", "")).append(" threads, keep-alive; every line ")
                .append(facts.getProperty("repeats", "1")).append(" times, interleaved (a, n, b, … then again), each ")
                .append(facts.getProperty("warmup_s", "")).append(" s warm-up + ")
                .append(facts.getProperty("duration_s", "")).append(" s measured; the service was warmed up ")
                .append(facts.getProperty("service_warmup_s", "")).append(" s before the first line through it.\n");
        md.append("- Whole run: ").append(facts.getProperty("elapsed_s", "?")).append(" s\n\n");
        md.append("Every figure is the median over the repeats with the range in brackets; a target passes on the median. "
                + "Comparisons are medians of the ratios (or differences) of lines measured side by side in the same repeat.\n\n");
        md.append("## Targets\n\n").append(targetTable).append('\n');
        md.append("## Scenarios\n\n").append(table).append('\n');
        md.append("Latencies in ms. *× nginx* = this line's proxy CPU per request over nginx's in the same repeat, "
                + "*rps / n* = requests/s over nginx's, *added* = this line minus (a) at the same connections. *CPU* = the "
                + "proxy process's own CPU (the service's, or nginx's master and workers; utime+stime from /proc) during the "
                + "measured seconds, per request, all threads; *GC* and *JIT* are the parts of it in the GC/VM threads and "
                + "the JIT compiler threads. *fake*, *DB*: the same for the fake and the embedded PostgreSQL. *up/req* = calls "
                + "the fake received per request. *fail* = non-2xx answers and socket errors (only (d) should have any). "
                + "*others* = CPU used meanwhile by every other process, in cores (of 2), kernel network work included "
                + "(about 0.05): above 0.15 the line was disturbed.\n\n");
        double worst = all.stream().mapToDouble(Run::otherCores).filter(x -> !Double.isNaN(x)).max().orElse(0);
        if (worst > 0.15) {
            md.append("**Warning: other processes used up to ").append(fmt(worst, 2))
                    .append(" cores during measured lines; those numbers are pessimistic.**\n\n");
        }
        for (Scenario s : SCENARIOS) {
            md.append("- (").append(s.id()).append(") ").append(s.title()).append('\n');
        }
        md.append("- (a-Nk), (n-Nk), (b-Nk): the growth lines, the same read with an upstream body of about N KB (100 projects)\n");

        String growth = growth(facts, high);
        if (!growth.isEmpty()) {
            md.append("\n## Growth with the upstream body's size (").append(high).append(" connections)\n\n").append(growth);
        }
        String baseline = baseline(facts, low, high);
        if (!baseline.isEmpty()) {
            md.append("\n## Against the baseline ").append(facts.getProperty("baseline")).append("\n\n").append(baseline);
        }
        md.append("\n## Service process\n\n");
        md.append("| measure | value |\n|---|---|\n");
        row(md, "start-up to ready, first start (`java -jar`, migrations on an empty schema)", fmt(num(facts, "startup_first_ms") / 1000.0, 2) + " s");
        row(md, "  Spring's own \"Started ... in\" (first start)", facts.getProperty("spring_started_s", "?") + " s");
        for (int i = 1; i <= (int) num(facts, "startup_runs"); i++) {
            row(md, "start-up to ready, `java -jar`, start " + i + " (migrated schema)", fmt(num(facts, "startup_jar_" + i + "_ms") / 1000.0, 2) + " s");
            row(md, "start-up to ready, the image's form (AOT cache), start " + i, fmt(num(facts, "startup_shipped_" + i + "_ms") / 1000.0, 2) + " s");
        }
        row(md, "RSS peak (VmHWM) after all lines", fmt(num(facts, "rss_peak_kb") / 1024.0, 0) + " MB");
        if (facts.getProperty("rss_peak_baseline_kb") != null) {
            row(md, "RSS peak (VmHWM), the baseline's instance", fmt(num(facts, "rss_peak_baseline_kb") / 1024.0, 0) + " MB");
        }
        row(md, "heap used right after load / committed", fmt(num(facts, "heap_used_kb") / 1024.0, 0) + " MB / "
                + fmt(num(facts, "heap_committed_kb") / 1024.0, 0) + " MB");
        row(md, "heap live after a full GC (jcmd GC.run)", fmt(num(facts, "heap_live_kb") / 1024.0, 0) + " MB");
        row(md, "GC during the instance's life", facts.getProperty("gc_summary", "?"));
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
        Files.writeString(Path.of(args[2]), json(facts, targets, low));

        System.out.println();
        System.out.println(table);
        if (!growth.isEmpty()) {
            System.out.println(growth);
        }
        if (!baseline.isEmpty()) {
            System.out.println(baseline);
        }
        System.out.println(targetTable);
    }

    static String baseScenario(String scenario) {
        int dash = scenario.indexOf('-');
        return dash > 0 && scenario.endsWith("k") ? scenario.substring(0, dash) : scenario;
    }

    static int sizeOf(String scenario) {
        return scenario.matches(".*-\\d+k") ? Integer.parseInt(scenario.replaceAll(".*-(\\d+)k", "$1")) : 0;
    }

    static String referenceLine(String line, String prefix) {
        String scenario = line.substring(0, line.indexOf('@'));
        String conns = line.substring(line.indexOf('@'));
        int size = sizeOf(scenario);
        return prefix + (size > 0 ? "-" + size + "k" : "") + conns;
    }

    static String table(int low, int high) {
        StringBuilder t = new StringBuilder();
        t.append("| line | conns | req/s | p50 | p99 | CPU µs/req | × nginx | rps / n | added p50 | added p99 | GC µs | JIT µs | fake µs | DB µs | up/req | fail | others |\n");
        t.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (var e : LINES.entrySet()) {
            String line = e.getKey();
            Run first = e.getValue().get(0);
            boolean direct = first.scenario().startsWith("a");
            boolean nginx = first.scenario().startsWith("n");
            String nLine = referenceLine(line, "n");
            String aLine = referenceLine(line, "a");
            boolean compared = !direct && !nginx && LINES.containsKey(nLine);
            boolean added = !direct && LINES.containsKey(aLine) && !first.scenario().equals("d") && !first.scenario().equals("e");
            t.append("| ").append(first.scenario()).append(" | ").append(first.connections())
                    .append(" | ").append(stat(line, Run::rps).show(0))
                    .append(" | ").append(stat(line, r -> r.ms("lat_p50_us")).show(2))
                    .append(" | ").append(stat(line, r -> r.ms("lat_p99_us")).show(2))
                    .append(" | ").append(direct ? "—" : stat(line, Run::serviceCpuMicros).show(0))
                    .append(" | ").append(compared ? paired(line, nLine, (x, y) -> x.serviceCpuMicros() / y.serviceCpuMicros()).show(2) : "")
                    .append(" | ").append(compared ? paired(line, nLine, (x, y) -> x.rps() / y.rps()).show(2) : "")
                    .append(" | ").append(added ? paired(line, aLine, (x, y) -> x.ms("lat_p50_us") - y.ms("lat_p50_us")).show(2) : "")
                    .append(" | ").append(added ? paired(line, aLine, (x, y) -> x.ms("lat_p99_us") - y.ms("lat_p99_us")).show(2) : "")
                    .append(" | ").append(direct || nginx ? "—" : fmt(stat(line, r -> r.perRequestMicros("service_gc_vm_cpu_ticks")).median(), 0))
                    .append(" | ").append(direct || nginx ? "—" : fmt(stat(line, r -> r.perRequestMicros("service_jit_cpu_ticks")).median(), 0))
                    .append(" | ").append(fmt(stat(line, r -> r.perRequestMicros("fake_cpu_ticks")).median(), 0))
                    .append(" | ").append(fmt(stat(line, r -> r.perRequestMicros("db_cpu_ticks")).median(), 0))
                    .append(" | ").append(fmt(stat(line, Run::upstreamPerRequest).median(), 2))
                    .append(" | ").append(fmt(e.getValue().stream().mapToDouble(Run::failures).sum(), 0))
                    .append(" | ").append(fmt(Math.max(0, stat(line, Run::otherCores).max()), 2))
                    .append(" |\n");
        }
        return t.toString();
    }

    static String growth(Properties facts, int high) {
        String sizes = facts.getProperty("growth_sizes_kb", "").trim();
        if (sizes.isEmpty()) {
            return "";
        }
        double bodyKb = 3.0;
        String fake = facts.getProperty("fake", "");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("components/search (\\d+) bytes").matcher(fake);
        if (m.find()) {
            bodyKb = Integer.parseInt(m.group(1)) / 1024.0;
        }
        StringBuilder t = new StringBuilder("| upstream body | service CPU µs/req | nginx CPU µs/req | × nginx | service µs per KB | nginx µs per KB | rps / n |\n|---:|---:|---:|---:|---:|---:|---:|\n");
        List<String> suffixes = new ArrayList<>();
        suffixes.add("");
        for (String size : sizes.split("\\s+")) {
            suffixes.add("-" + size + "k");
        }
        for (String suffix : suffixes) {
            String bLine = "b" + suffix + "@" + high, nLine = "n" + suffix + "@" + high;
            if (!LINES.containsKey(bLine) || !LINES.containsKey(nLine)) {
                continue;
            }
            double kb = suffix.isEmpty() ? bodyKb : Integer.parseInt(suffix.substring(1, suffix.length() - 1));
            Stat bCpu = stat(bLine, Run::serviceCpuMicros), nCpu = stat(nLine, Run::serviceCpuMicros);
            t.append("| ").append(fmt(kb, 0)).append(" KB | ").append(bCpu.show(0)).append(" | ").append(nCpu.show(0))
                    .append(" | ").append(paired(bLine, nLine, (x, y) -> x.serviceCpuMicros() / y.serviceCpuMicros()).show(2))
                    .append(" | ").append(fmt(bCpu.median() / kb, 1)).append(" | ").append(fmt(nCpu.median() / kb, 1))
                    .append(" | ").append(paired(bLine, nLine, (x, y) -> x.rps() / y.rps()).show(2)).append(" |\n");
        }
        return t.toString();
    }

    static String baseline(Properties facts, int low, int high) {
        if (facts.getProperty("baseline", "").isEmpty()) {
            return "";
        }
        StringBuilder t = new StringBuilder("Measured in the same run, interleaved: this checkout's (b) against the baseline's (b-base), "
                + "repeat by repeat. Below 1 is better for CPU; above 1 is better for requests/s.\n\n"
                + "| conns | CPU µs/req, this | CPU µs/req, baseline | CPU this / baseline | rps this / baseline | p99 this − baseline (ms) |\n"
                + "|---:|---:|---:|---:|---:|---:|\n");
        for (int c : new int[] {low, high}) {
            String x = "b@" + c, y = "b-base@" + c;
            if (!LINES.containsKey(x) || !LINES.containsKey(y)) {
                continue;
            }
            t.append("| ").append(c).append(" | ").append(stat(x, Run::serviceCpuMicros).show(0)).append(" | ")
                    .append(stat(y, Run::serviceCpuMicros).show(0)).append(" | ")
                    .append(paired(x, y, (p, q) -> p.serviceCpuMicros() / q.serviceCpuMicros()).show(3)).append(" | ")
                    .append(paired(x, y, (p, q) -> p.rps() / q.rps()).show(3)).append(" | ")
                    .append(paired(x, y, (p, q) -> p.ms("lat_p99_us") - q.ms("lat_p99_us")).show(2)).append(" |\n");
        }
        return t.toString();
    }

    static String json(Properties facts, List<Target> targets, int low) {
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
        for (var e : LINES.entrySet()) {
            String line = e.getKey();
            Map<String, Object> m = new LinkedHashMap<>();
            Run r0 = e.getValue().get(0);
            m.put("scenario", r0.scenario());
            m.put("connections", r0.connections());
            m.put("repeats", e.getValue().size());
            putStat(m, "rps", stat(line, Run::rps), 1);
            putStat(m, "p50_ms", stat(line, r -> r.ms("lat_p50_us")), 3);
            putStat(m, "p90_ms", stat(line, r -> r.ms("lat_p90_us")), 3);
            putStat(m, "p99_ms", stat(line, r -> r.ms("lat_p99_us")), 3);
            putStat(m, "p99_9_ms", stat(line, r -> r.ms("lat_p99_9_us")), 3);
            putStat(m, "proxy_cpu_us_per_request", stat(line, Run::serviceCpuMicros), 1);
            putStat(m, "proxy_gc_vm_cpu_us_per_request", stat(line, r -> r.perRequestMicros("service_gc_vm_cpu_ticks")), 1);
            putStat(m, "proxy_jit_cpu_us_per_request", stat(line, r -> r.perRequestMicros("service_jit_cpu_ticks")), 1);
            putStat(m, "fake_cpu_us_per_request", stat(line, r -> r.perRequestMicros("fake_cpu_ticks")), 1);
            putStat(m, "db_cpu_us_per_request", stat(line, r -> r.perRequestMicros("db_cpu_ticks")), 1);
            putStat(m, "upstream_calls_per_request", stat(line, Run::upstreamPerRequest), 3);
            putStat(m, "other_processes_cores", stat(line, Run::otherCores), 2);
            m.put("failures", (long) e.getValue().stream().mapToDouble(Run::failures).sum());
            String nLine = referenceLine(line, "n"), aLine = referenceLine(line, "a");
            if (!r0.scenario().startsWith("a") && !r0.scenario().startsWith("n") && LINES.containsKey(nLine)) {
                putStat(m, "cpu_ratio_to_nginx", paired(line, nLine, (x, y) -> x.serviceCpuMicros() / y.serviceCpuMicros()), 3);
                putStat(m, "throughput_ratio_to_nginx", paired(line, nLine, (x, y) -> x.rps() / y.rps()), 3);
            }
            if (!r0.scenario().startsWith("a") && LINES.containsKey(aLine)) {
                putStat(m, "added_p50_ms", paired(line, aLine, (x, y) -> x.ms("lat_p50_us") - y.ms("lat_p50_us")), 3);
                putStat(m, "added_p99_ms", paired(line, aLine, (x, y) -> x.ms("lat_p99_us") - y.ms("lat_p99_us")), 3);
                putStat(m, "throughput_ratio_to_direct", paired(line, aLine, (x, y) -> x.rps() / y.rps()), 3);
            }
            json.append(first ? "\n" : ",\n").append("    ").append(q(line)).append(": {");
            first = false;
            boolean firstField = true;
            for (var f : m.entrySet()) {
                json.append(firstField ? "" : ", ").append(q(f.getKey())).append(": ").append(jsonValue(f.getValue()));
                firstField = false;
            }
            json.append('}');
        }
        json.append("\n  },\n  \"targets\": {");
        first = true;
        for (Target t : targets) {
            json.append(first ? "\n" : ",\n").append("    ").append(q(t.name())).append(": {\"value\": ")
                    .append(jsonValue(round(t.value().median(), 3))).append(", \"min\": ").append(jsonValue(round(t.value().min(), 3)))
                    .append(", \"max\": ").append(jsonValue(round(t.value().max(), 3))).append(", \"limit\": ").append(jsonValue(t.limit()))
                    .append(", \"pass\": ").append(t.pass()).append(", \"comparison\": ").append(q(t.atMost() ? "<=" : ">="))
                    .append(", \"unit\": ").append(q(t.unit())).append(", \"description\": ").append(q(t.description())).append('}');
            first = false;
        }
        json.append("\n  },\n  \"all_targets_pass\": ").append(targets.stream().allMatch(Target::pass)).append("\n}\n");
        return json.toString();
    }

    static void putStat(Map<String, Object> m, String key, Stat s, int decimals) {
        m.put(key, round(s.median(), decimals));
        if (s.n() > 1) {
            m.put(key + "_min", round(s.min(), decimals));
            m.put(key + "_max", round(s.max(), decimals));
        }
    }

    static String targetTable(List<Target> targets) {
        StringBuilder t = new StringBuilder("| target | median (min–max) | limit | pass |\n|---|---:|---:|---|\n");
        for (Target target : targets) {
            int decimals = target.unit().equals("MB") ? 0 : target.unit().equals("ms") || target.unit().equals("s") ? 2 : 3;
            t.append("| ").append(target.name()).append(" — ").append(target.description()).append(" | ")
                    .append(target.value().show(decimals)).append(target.unit().isEmpty() ? "" : " " + target.unit())
                    .append(" | ").append(target.atMost() ? "≤ " : "≥ ").append(fmt(target.limit(), target.limit() < 1 ? 2 : 0))
                    .append(target.unit().isEmpty() ? "" : " " + target.unit())
                    .append(" | ").append(target.pass() ? "PASS" : "**FAIL**").append(" |\n");
        }
        return t.toString();
    }

    /** Hottest frames of jdk.ExecutionSample: by self time, and by inclusive time for the project's own code. */
    /** Buckets of the breakdown: the first one whose frame is on a sample's stack takes the sample. */
    static final List<String[]> BUCKETS = List.of(
            new String[] {"upstream call: SonarClient.send → Apache HttpClient → socket", "dev.connector.sonarcloud.sonar.SonarClient.send"},
            new String[] {"upstream JSON parsing (SonarResponse.json)", "dev.connector.sonarcloud.sonar.SonarResponse.json"},
            new String[] {"mapping items (Mapping, Normalize)", "dev.connector.sonarcloud.action.Mapping.apply"},
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
