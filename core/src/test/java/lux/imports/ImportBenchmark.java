package lux.imports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import lux.audit.Actor;
import lux.config.CoreDefaults;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.TestDatabase;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Imports a generated CSV of N contacts into a fresh database and prints rows/s and peak
 * heap. Not a test: run by bench/import-benchmark.sh with -Xmx256m. Usage:
 * ImportBenchmark postgres|h2|parse rows csvFile workDir [url] With a url (a loopback
 * server holding the same file) the import downloads it the way a Teams attachment is
 * downloaded ({@link SafeFileFetcher}, local mode); "parse" reads and validates the file
 * without a database.
 */
public final class ImportBenchmark {

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String db = args.length > 0 ? args[0] : "h2";
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        Path csv = Path.of(args.length > 2 ? args[2] : "core/target/bench/contacts.csv");
        Path work = Path.of(args.length > 3 ? args[3] : "core/target/bench");
        String url = args.length > 4 ? args[4] : "";
        generate(csv, rows);
        if ("parse".equals(db)) {
            parseOnly(csv, rows);
            return;
        }

        SpringApplicationBuilder app = new SpringApplicationBuilder(CoreTestApplication.class)
            .web(WebApplicationType.NONE);
        java.util.List<String> settings = new java.util.ArrayList<>(java.util.List.of("--logging.level.root=WARN",
                "--spring.main.banner-mode=off",
                // the download is read as fast as the import goes: on a loaded machine
                // that is longer than the default 2 minutes
                "--lux.imports.fetch-timeout=30m",
                "--logging.level.lux.imports.PostgresContactCopier=" + System.getProperty("bench.copier.log", "WARN")));
        if ("postgres".equals(db)) {
            System.setProperty("lux.test.db", "postgres"); // TestDatabase: a fresh
                                                           // schema, dropped at exit
            app.initializers(new TestDatabase());
        }
        else {
            Path h2 = work.resolve("h2");
            deleteRecursively(h2);
            // Arguments, not default properties: core's own defaults would otherwise
            // point at ./data.
            settings.addAll(java.util.List.of(
                    "--spring.datasource.url=jdbc:h2:file:" + h2.toAbsolutePath().resolve("bench")
                            + CoreDefaults.H2_OPTIONS,
                    "--spring.datasource.username=sa", "--spring.datasource.password="));
        }
        try (ConfigurableApplicationContext context = app.run(settings.toArray(String[]::new))) {
            ContactImportService imports = context.getBean(ContactImportService.class);
            ImportSource source = url.isBlank() ? ImportSource.of(csv)
                    : context.getBean(SafeFileFetcher.class).source(url);
            HeapSampler heap = HeapSampler.start();
            CpuMeter cpu = CpuMeter.start();
            long start = System.nanoTime();
            ImportJob job = imports.importNow(new ImportRequest(csv.getFileName().toString(), source,
                    Set.of("benchmark"), ImportMode.ADD_NEW_ONLY), Actor.system());
            double seconds = (System.nanoTime() - start) / 1e9;
            long peak = heap.stop();
            System.out.printf(
                    "database=%s source=%s rows=%d status=%s created=%d invalid=%d seconds=%.1f rows_per_second=%.0f "
                            + "peak_heap_mb=%.0f max_heap_mb=%d file_mb=%.0f %s%n",
                    "postgres".equals(db) ? "PostgreSQL" : "H2 (file)", url.isBlank() ? "file" : "download",
                    job.rowsDone(), job.status(), job.created(), job.invalid(), seconds, job.rowsDone() / seconds,
                    peak / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576, Files.size(csv) / 1048576.0,
                    cpu.stop());
            if (job.status() != ImportStatus.FINISHED || job.created() != rows) {
                System.err.println("Benchmark import did not create every row: " + job);
                System.exit(1);
            }
        }
    }

    /** The parser and validation alone: every row read, nothing written. */
    private static void parseOnly(Path csv, long rows) throws IOException, InterruptedException {
        ImportProperties defaults = new ImportProperties(0, 1, java.time.Duration.ofMillis(500), 10_000, 16_000_000,
                100_000, java.time.Duration.ofSeconds(30), "", java.util.List.of(), false,
                org.springframework.util.unit.DataSize.ofMegabytes(100), java.time.Duration.ofMinutes(2), 10, 0);
        long[] counts = new long[2];
        ContactRowReader.Rows sink = new ContactRowReader.Rows() {
            @Override
            public void accepted(ContactRow row) {
                counts[0]++;
            }

            @Override
            public void rejected(long line, String email, String problem) {
                counts[1]++;
            }

            @Override
            public boolean keepReading() {
                return true;
            }
        };
        HeapSampler heap = HeapSampler.start();
        long start = System.nanoTime();
        ContactRowReader reader = new ContactRowReader(defaults);
        try (java.io.InputStream in = Files.newInputStream(csv)) {
            reader.read(in, sink);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = heap.stop();
        System.out.printf(
                "database=none (parse and validate only) rows=%d valid=%d invalid=%d seconds=%.1f rows_per_second=%.0f "
                        + "peak_heap_mb=%.0f max_heap_mb=%d%n",
                reader.rowsDone(), counts[0], counts[1], seconds, reader.rowsDone() / seconds, peak / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576);
        if (counts[0] != rows) {
            System.err.println("The parser did not accept every row");
            System.exit(1);
        }
    }

    /**
     * CPU spent during the import: this JVM's, and the whole machine's where Linux shows
     * it ({@code /proc/stat}; the rest is mostly PostgreSQL's backends), so a run tells
     * which side an import waits for.
     */
    private record CpuMeter(long jvmAtStart, long machineAtStart) {
        static CpuMeter start() {
            return new CpuMeter(jvmNanos(), machineTicks());
        }

        String stop() {
            long machine = machineTicks();
            String jvm = String.format("jvm_cpu_seconds=%.1f", (jvmNanos() - jvmAtStart) / 1e9);
            // USER_HZ is 100 on every Linux this runs on
            return machine < 0 || machineAtStart < 0 ? jvm
                    : jvm + String.format(" machine_cpu_seconds=%.1f", (machine - machineAtStart) / 100.0);
        }

        private static long jvmNanos() {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
        }

        /** user + nice + system + irq + softirq of all cores, or -1 off Linux. */
        private static long machineTicks() {
            try {
                String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                return Long.parseLong(cpu[1]) + Long.parseLong(cpu[2]) + Long.parseLong(cpu[3]) + Long.parseLong(cpu[6])
                        + Long.parseLong(cpu[7]);
            }
            catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }

    /**
     * Heap in use sampled every 10 ms: the pools' own peaks happen at different moments
     * and overstate the sum.
     */
    private record HeapSampler(AtomicLong peak, AtomicBoolean done, Thread thread) {
        static HeapSampler start() {
            System.gc();
            AtomicLong peak = new AtomicLong();
            AtomicBoolean done = new AtomicBoolean();
            Thread sampler = new Thread(() -> {
                while (!done.get()) {
                    peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                            Math::max);
                    LockSupport.parkNanos(10_000_000);
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            return new HeapSampler(peak, done, sampler);
        }

        long stop() throws InterruptedException {
            done.set(true);
            thread.join();
            return peak.get();
        }
    }

    /**
     * A realistic-looking list: names, a company and two attributes, some fields quoted.
     */
    private static void generate(Path csv, long rows) throws IOException {
        String header = "email,first_name,last_name,company,city,plan";
        if (Files.exists(csv) && Files.size(csv) > rows * 40) {
            try (Stream<String> lines = Files.lines(csv)) {
                if (lines.count() == rows + 1) {
                    return;
                }
            }
        }
        Files.createDirectories(csv.toAbsolutePath().getParent());
        String[] first = { "Ada", "Grace", "Linus", "Margaret", "Alan", "Barbara", "Dennis", "Frances", "Ken",
                "Radia" };
        String[] last = { "Lovelace", "Hopper", "Torvalds", "Hamilton", "Turing", "Liskov", "Ritchie", "Allen",
                "Thompson", "Perlman" };
        String[] cities = { "London", "Berlin", "Paris", "Zürich", "Wien", "Madrid", "Oslo", "Dublin" };
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write(header);
            out.write('\n');
            for (long i = 0; i < rows; i++) {
                out.write("user" + i + "@example" + (i % 997) + ".com," + first[(int) (i % 10)] + ","
                        + last[(int) (i / 10 % 10)] + ",\"Company " + (i % 5000) + ", Inc.\","
                        + cities[(int) (i % cities.length)] + "," + (i % 3 == 0 ? "gold" : "free"));
                out.write('\n');
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

}
