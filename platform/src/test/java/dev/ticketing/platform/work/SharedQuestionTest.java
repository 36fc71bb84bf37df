package dev.ticketing.platform.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedQuestionTest {
    private static final Duration BOUND = Duration.ofSeconds(10);

    private final AtomicInteger sent = new AtomicInteger();
    private final CountDownLatch firstMayBeAnswered = new CountDownLatch(1);

    /** Answers with the number of questions sent so far; the first answer waits for the latch. */
    private final SharedQuestion<Integer> question = new SharedQuestion<>(() -> {
        int number = sent.incrementAndGet();
        if (number == 1) {
            firstMayBeAnswered.await();
        }
        return number;
    });

    @Test
    void a_lone_caller_is_answered_by_its_own_question() throws Exception {
        firstMayBeAnswered.countDown();
        assertThat(question.ask(BOUND)).isEqualTo(1);
        assertThat(question.ask(BOUND)).as("a later caller asks again").isEqualTo(2);
    }

    @Test
    void callers_arriving_while_a_question_is_in_flight_share_the_next_one() throws Exception {
        CompletableFuture<Integer> first = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> answer(question, first));
        await().atMost(BOUND).until(() -> sent.get() == 1);
        List<CompletableFuture<Integer>> later = new ArrayList<>();
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            CompletableFuture<Integer> answer = new CompletableFuture<>();
            later.add(answer);
            callers.add(Thread.ofPlatform().start(() -> answer(question, answer)));
        }
        await().atMost(BOUND).until(() -> callers.stream().allMatch(t -> t.getState() == Thread.State.TIMED_WAITING));
        assertThat(sent).as("nothing more is sent while one question is in flight").hasValue(1);

        firstMayBeAnswered.countDown();
        assertThat(first.get()).isEqualTo(1);
        for (CompletableFuture<Integer> answer : later) {
            assertThat(answer.get()).as("answered by a question sent after it asked").isEqualTo(2);
        }
        assertThat(sent).hasValue(2);
    }

    @Test
    void a_failed_question_fails_its_callers_and_the_next_caller_asks_again() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        SharedQuestion<String> flaky = new SharedQuestion<>(() -> {
            if (asked.incrementAndGet() == 1) {
                throw new IllegalStateException("not connected");
            }
            return "answer";
        });
        assertThatThrownBy(() -> flaky.ask(BOUND)).isInstanceOf(IllegalStateException.class);
        assertThat(flaky.ask(BOUND)).isEqualTo("answer");
    }

    @Test
    void a_caller_stops_waiting_after_its_patience() {
        assertThatThrownBy(() -> question.ask(Duration.ofMillis(100))).isInstanceOf(TimeoutException.class);
        firstMayBeAnswered.countDown();
        await().atMost(BOUND).untilAsserted(() -> assertThat(question.ask(BOUND)).isEqualTo(2));
    }

    private static void answer(SharedQuestion<Integer> question, CompletableFuture<Integer> into) {
        try {
            into.complete(question.ask(BOUND));
        } catch (Exception e) {
            into.completeExceptionally(e);
        }
    }
}
