package io.stratus.enrollment.repository;

import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.stratus.enrollment.service.EnrollmentStatus;
import io.stratus.enrollment.service.EnrollmentStore;
import io.stratus.enrollment.service.IssuanceWaiters;
import io.stratus.enrollment.service.TransactionKey;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers the requests of this replica whose outcome another replica stored. The CA's answers are consumed by one
 * replica of the consumer group, while the PKCSReq may wait on any; every stored outcome is announced on
 * {@link SqlEnrollmentStore#OUTCOME_CHANNEL} at its commit, and a request waiting here for that transaction is
 * answered from the database. After a lost connection the waiting requests are looked up once more (an
 * announcement may have passed meanwhile); a request nobody answers still gets PENDING after the reply timeout,
 * and CertPoll reads the database on any replica.
 */
@ApplicationScoped
public class OutcomeListener {

    private static final long RECONNECT_DELAY_MILLIS = 1_000;

    private final Vertx vertx;
    private final IssuanceWaiters waiters;
    private final EnrollmentStore enrollments;
    private final PgConnectOptions options;
    private PgSubscriber subscriber;
    private volatile boolean stopped;

    public OutcomeListener(Vertx vertx, IssuanceWaiters waiters, EnrollmentStore enrollments,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = vertx;
        this.waiters = waiters;
        this.enrollments = enrollments;
        this.options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
    }

    void start(@Observes StartupEvent started) {
        subscriber = PgSubscriber.subscriber(vertx, options)
                .reconnectPolicy(attempt -> RECONNECT_DELAY_MILLIS);
        subscriber.channel(SqlEnrollmentStore.OUTCOME_CHANNEL)
                .handler(this::announced)
                .subscribeHandler(subscribed -> waiters.waitingTransactions().forEach(this::answerIfDone));
        connect();
    }

    void stop(@Observes ShutdownEvent stopping) {
        stopped = true;
        if (subscriber != null) {
            subscriber.close();
        }
    }

    private void connect() {
        subscriber.connect().onFailure(failure -> {
            if (stopped) {
                return;
            }
            Log.warnf("listening for outcomes stored by other replicas failed (%s); trying again",
                    failure.getMessage());
            vertx.setTimer(RECONNECT_DELAY_MILLIS, retry -> {
                if (!stopped) {
                    connect();
                }
            });
        });
    }

    private void announced(String payload) {
        TransactionKey key = TransactionKey.ofAnnounced(payload);
        if (key != null && waiters.isWaiting(key)) {
            answerIfDone(key);
        }
    }

    private void answerIfDone(TransactionKey key) {
        enrollments.find(key).subscribe().with(stored -> {
            if (stored != null && stored.status() != EnrollmentStatus.PENDING) {
                waiters.complete(stored);
            }
        }, failure -> Log.warnf("the outcome of transaction %s could not be read (%s); its request gets PENDING",
                key.transactionId(), failure.getMessage()));
    }
}
