package dev.ticketing.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

/**
 * HTTP load from clients on virtual threads, each sending one request at a time over HTTP/1.1 keep-alive
 * connections of one Jetty client per run (as many connections as clients). Closed loop: a client sends its
 * next request as soon as the last one is answered. Paced: requests are due on a fixed schedule, and whoever
 * is free sends the next. Latencies and statuses count for the requests due after the warm-up; every request
 * goes to 127.0.0.1 and the run is bounded in time.
 *
 * <p>Jetty's client, not the JDK's: the load shares the machine's cores with the marketplace it measures, and
 * the JDK's client took 0.3 - 0.5 ms of CPU per request (its selector thread per client and the hand-overs to
 * it), several times what the marketplace spends answering a simple request, against 0.04 ms for Jetty's
 * (32 clients on auth's current-user route, after a warm-up).
 */
final class LoadGenerator {
    private static final long LATE = 10_000_000;

    private LoadGenerator() {
    }

    /** What a client sends next: null when there is nothing left to send. */
    interface Requests {
        Api.Call next();
    }

    /** Told of every answer, warm-up included, on the client's thread. */
    interface Answers {
        Answers IGNORED = (response, answeredAt) -> { };

        void answered(Answer response, long answeredAtNanos);
    }

    /** A response's status and body. */
    record Answer(int status, String body) {
    }

    /**
     * @param latencies       of the requests sent after the warm-up
     * @param successes       2xx answers to those
     * @param seconds         from the end of the warm-up until the last client stopped
     * @param statuses        how many of each status after the warm-up (0: no answer)
     * @param totalSuccesses  2xx answers, warm-up included
     * @param lateSends       paced requests sent more than 10 ms after their time (all clients were busy)
     */
    record Outcome(Latencies latencies, long successes, double seconds, Map<Integer, Long> statuses,
                   long totalSuccesses, long lateSends) {
        double throughput() {
            return successes / seconds;
        }
    }

    static Outcome closedLoop(int clients, Duration warmUp, Duration measured, Requests requests, Answers answers)
            throws InterruptedException {
        return new Run(warmUp, measured, 0).drive(clients, requests, answers);
    }

    /** {@code perSecond} requests a second on a fixed schedule, sent by whichever of {@code clients} is free. */
    static Outcome paced(int perSecond, int clients, Duration warmUp, Duration measured, Requests requests,
                         Answers answers) throws InterruptedException {
        return new Run(warmUp, measured, 1_000_000_000L / perSecond).drive(clients, requests, answers);
    }

    /** One run's clock and tallies, shared by its clients. */
    private static final class Run {
        private final long start = System.nanoTime();
        private final long measureFrom;
        private final long end;
        private final long interval; // 0: closed loop
        private final AtomicLong slots = new AtomicLong();
        private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        private final LongAdder successes = new LongAdder();
        private final LongAdder totalSuccesses = new LongAdder();
        private final LongAdder late = new LongAdder();
        private final List<Latencies.Recorder> recorders = new ArrayList<>();

        Run(Duration warmUp, Duration measured, long interval) {
            this.measureFrom = start + warmUp.toNanos();
            this.end = measureFrom + measured.toNanos();
            this.interval = interval;
        }

        Outcome drive(int clients, Requests requests, Answers answers) throws InterruptedException {
            HttpClient client = new HttpClient();
            client.setExecutor(new VirtualThreadPool());
            client.setMaxConnectionsPerDestination(clients);
            client.setConnectTimeout(5_000);
            client.setUserAgentField(null);
            client.getContentDecoderFactories().clear(); // no Accept-Encoding: bodies as the JDK's client had them
            try {
                client.start();
                List<Thread> threads = new ArrayList<>(clients);
                for (int i = 0; i < clients; i++) {
                    Latencies.Recorder recorder = new Latencies.Recorder();
                    recorders.add(recorder);
                    threads.add(Thread.ofVirtual().name("load-" + i)
                            .start(() -> client(client, requests, answers, recorder)));
                }
                for (Thread thread : threads) {
                    thread.join();
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("the load's HTTP client did not start", e);
            } finally {
                stop(client);
            }
            double seconds = (System.nanoTime() - measureFrom) / 1e9;
            Map<Integer, Long> counted = new TreeMap<>();
            statuses.forEach((status, count) -> counted.put(status, count.sum()));
            return new Outcome(Latencies.merge(recorders), successes.sum(), seconds, counted, totalSuccesses.sum(),
                    late.sum());
        }

        private static void stop(HttpClient client) {
            try {
                client.stop();
            } catch (Exception e) {
                System.out.println("    (the load's HTTP client did not stop cleanly: " + e + ")");
            }
        }

        private void client(HttpClient client, Requests requests, Answers answers, Latencies.Recorder recorder) {
            for (long due = nextTurn(); due >= 0; due = nextTurn()) {
                Api.Call call = requests.next();
                if (call == null) {
                    return;
                }
                send(client.newRequest(call.url()), call, due >= measureFrom, answers, recorder);
            }
        }

        /**
         * When the next request is due, once it is: now in a closed loop, the next free slot of the schedule
         * when paced. -1 once the run is over.
         */
        private long nextTurn() {
            long now = System.nanoTime();
            long due = interval == 0 ? now : start + slots.getAndIncrement() * interval;
            if (due >= end || now >= end) {
                return -1;
            }
            if (now - due > LATE && due >= measureFrom) {
                late.increment(); // every client was busy: the schedule slipped
            }
            while (System.nanoTime() < due) {
                LockSupport.parkNanos(due - System.nanoTime());
            }
            return due;
        }

        private void send(Request request, Api.Call call, boolean measuring, Answers answers,
                          Latencies.Recorder recorder) {
            request.method(call.method()).timeout(30, TimeUnit.SECONDS);
            if (call.json() != null) {
                request.body(new StringRequestContent("application/json", call.json()));
            }
            if (call.token() != null) {
                request.headers(headers -> headers.put(HttpHeader.AUTHORIZATION, "Bearer " + call.token()));
            }
            long sent = System.nanoTime();
            int status;
            try {
                ContentResponse response = request.send();
                long answeredAt = System.nanoTime();
                status = response.getStatus();
                if (measuring) {
                    recorder.add(answeredAt - sent);
                }
                if (status / 100 == 2) {
                    totalSuccesses.increment();
                    if (measuring) {
                        successes.increment();
                    }
                }
                answers.answered(new Answer(status, response.getContentAsString()), answeredAt);
            } catch (ExecutionException | TimeoutException e) {
                status = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (measuring) {
                statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
            }
        }
    }
}
