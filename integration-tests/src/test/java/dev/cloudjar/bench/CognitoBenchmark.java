package dev.cloudjar.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.server.CloudjarServer;
import dev.cloudjar.it.cognito.SrpClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints Cognito sign-in throughput; asserts nothing. Run from the repository root after building:
 * <pre>
 * mvn -q -o test-compile -pl integration-tests -am
 * mvn -q -o -pl integration-tests exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.cloudjar.bench.CognitoBenchmark
 * </pre>
 * InitiateAuth USER_PASSWORD_AUTH logins/s and USER_SRP_AUTH logins/s (InitiateAuth +
 * RespondToAuthChallenge) at 1 and 8 client threads, against an in-process server, through the
 * SDK v2 client on the same machine (so client work counts against the same cores). Every login
 * issues an ID, an access and a refresh token.
 */
public final class CognitoBenchmark {
    private static final String PASSWORD = "Bench-password-1";
    private static final int USERS = 64;
    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private CognitoBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Duration run = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 10);
        String iterations = args.length > 1 ? args[1] : "500";
        try (CloudjarServer server = CloudjarServer.start(CloudjarConfig.builder().port(0)
                .option("cognito-password-iterations", iterations).build());
             CognitoIdentityProviderClient idp = client(URI.create(server.endpoint()))) {
            String poolId = idp.createUserPool(r -> r.poolName("bench")).userPool().id();
            String clientId = idp.createUserPoolClient(r -> r.userPoolId(poolId).clientName("bench")
                    .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                            ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                    .userPoolClient().clientId();
            for (int i = 0; i < USERS; i++) {
                String username = "user" + i;
                idp.adminCreateUser(r -> r.userPoolId(poolId).username(username).temporaryPassword(PASSWORD));
                idp.adminSetUserPassword(r -> r.userPoolId(poolId).username(username).password(PASSWORD).permanent(true));
            }
            System.out.printf("Cognito sign-in benchmark, %d s per figure, %d users, %d cores, PBKDF2 %s iterations%n",
                    run.toSeconds(), USERS, Runtime.getRuntime().availableProcessors(), iterations);
            for (int threads : new int[]{1, 8}) {
                measure("USER_PASSWORD_AUTH", threads, run, Duration.ofSeconds(3), i -> passwordLogin(idp, clientId, i));
                measure("USER_SRP_AUTH     ", threads, run, Duration.ofSeconds(3), i -> srpLogin(idp, poolId, clientId, i));
            }
        }
    }

    private interface Login {
        void run(long i);
    }

    private static void passwordLogin(CognitoIdentityProviderClient idp, String clientId, long i) {
        idp.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", "user" + (i % USERS), "PASSWORD", PASSWORD)));
    }

    private static void srpLogin(CognitoIdentityProviderClient idp, String poolId, String clientId, long i) {
        SrpClient srp = new SrpClient(poolId);
        InitiateAuthResponse challenge = idp.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_SRP_AUTH)
                .authParameters(Map.of("USERNAME", "user" + (i % USERS), "SRP_A", srp.srpA())));
        idp.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                .challengeResponses(srp.passwordVerifier(challenge.challengeParameters(), PASSWORD, ZonedDateTime.now())));
    }

    /**
     * Logins/s, and the CPU time this process (server and SDK client together) spent per login:
     * on a machine shared with other work the rate follows the load, the CPU per login much less.
     */
    private static void measure(String flow, int threads, Duration run, Duration warmUp, Login login) throws Exception {
        loop(threads, warmUp, login);
        long cpuBefore = PROCESS.getProcessCpuTime();
        long logins = loop(threads, run, login);
        double cpuMillis = (PROCESS.getProcessCpuTime() - cpuBefore) / 1e6;
        System.out.printf("%s %d thread(s): %8.1f logins/s, %5.2f ms CPU per login%n", flow, threads,
                logins / (double) run.toSeconds(), cpuMillis / logins);
    }

    private static long loop(int threads, Duration duration, Login login) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong count = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    login.run(count.getAndIncrement());
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return count.get();
    }

    private static CognitoIdentityProviderClient client(URI endpoint) {
        return CognitoIdentityProviderClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(ApacheHttpClient.builder().maxConnections(16).build())
                .build();
    }
}
