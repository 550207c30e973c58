package dev.cloudjar.it.s3;

import dev.cloudjar.it.fixtures.Processes;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.CompletedFileUpload;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpRequest;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.cloudjar.it.fixtures.Clients.s3;
import static dev.cloudjar.it.fixtures.Clients.s3Async;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The main flows through the AWS CLI, boto3 and the SDK's transfer manager. */
@Cloudjar
class ToolsTest {
    static final Map<String, String> CREDENTIALS = Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
            "AWS_DEFAULT_REGION", "us-east-1");

    static Path randomFile(Path dir, String name, long size) throws IOException {
        Path file = dir.resolve(name);
        Random random = new Random(size);
        byte[] chunk = new byte[1024 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(chunk.length, size - written));
            }
        }
        return file;
    }

    static String md5(Path file) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                md5.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    static Processes.Result aws(URI endpoint, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint.toString()));
        command.addAll(List.of(args));
        Processes.Result result = Processes.run(command, CREDENTIALS);
        assertEquals(0, result.exitCode(), result.output());
        return result;
    }

    @Test
    void awsCliCopiesA100MiBFileInPartsAndBack(URI endpoint, @TempDir Path dir) throws Exception {
        Path file = randomFile(dir, "big.bin", 100L * 1024 * 1024);
        aws(endpoint, "s3", "mb", "s3://cli-bucket");
        aws(endpoint, "s3", "cp", file.toString(), "s3://cli-bucket/data/big.bin");
        try (S3Client s3 = s3(endpoint)) {
            var head = s3.headObject(b -> b.bucket("cli-bucket").key("data/big.bin"));
            assertEquals(100L * 1024 * 1024, head.contentLength());
            assertTrue(head.eTag().contains("-"), "uploaded in parts: " + head.eTag());
        }
        Path back = dir.resolve("back.bin");
        aws(endpoint, "s3", "cp", "s3://cli-bucket/data/big.bin", back.toString());
        assertEquals(md5(file), md5(back));
    }

    @Test
    void awsCliSyncsADirectoryAndListsIt(URI endpoint, @TempDir Path dir) throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree/sub"));
        Files.writeString(dir.resolve("tree/a.txt"), "a");
        Files.writeString(tree.resolve("b.txt"), "b");
        // S3's LastModified has whole seconds; a file written in the same second as its upload
        // would look newer than its copy to the next sync (on AWS too), so date the files back.
        FileTime minuteAgo = FileTime.from(Instant.now().minusSeconds(60));
        Files.setLastModifiedTime(dir.resolve("tree/a.txt"), minuteAgo);
        Files.setLastModifiedTime(tree.resolve("b.txt"), minuteAgo);
        aws(endpoint, "s3", "mb", "s3://sync-bucket");
        aws(endpoint, "s3", "sync", dir.resolve("tree").toString(), "s3://sync-bucket/tree");
        String listing = aws(endpoint, "s3", "ls", "--recursive", "s3://sync-bucket").output();
        assertTrue(listing.contains("tree/a.txt") && listing.contains("tree/sub/b.txt"), listing);
        String second = aws(endpoint, "s3", "sync", dir.resolve("tree").toString(), "s3://sync-bucket/tree").output();
        assertEquals("", second.trim(), "nothing changed, nothing to upload");
    }

    @Test
    void awsCliPresignsAGetUrlThatAPlainHttpClientFetches(URI endpoint, @TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("shared.txt"), "shared with a link");
        aws(endpoint, "s3", "mb", "s3://presign-bucket");
        aws(endpoint, "s3", "cp", file.toString(), "s3://presign-bucket/docs/shared file.txt");
        String url = aws(endpoint, "s3", "presign", "s3://presign-bucket/docs/shared file.txt", "--expires-in", "300")
                .output().trim();
        // AWS CLI v1 presigns with SigV2 by default, v2 with SigV4: both must be accepted.
        boolean sigV2 = url.contains("AWSAccessKeyId=test") && url.contains("Signature=") && url.contains("Expires=");
        boolean sigV4 = url.contains("X-Amz-Algorithm=AWS4-HMAC-SHA256") && url.contains("X-Amz-Signature=");
        assertTrue(sigV2 || sigV4, url);

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> fetched = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, fetched.statusCode(), fetched.body());
        assertEquals("shared with a link", fetched.body());

        HttpResponse<String> tampered = http.send(HttpRequest.newBuilder(URI.create(url.replace("shared%20file", "other")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, tampered.statusCode());
        assertTrue(tampered.body().contains("<Code>SignatureDoesNotMatch</Code>"), tampered.body());
    }

    @Test
    void boto3RunsTheMainFlows(URI endpoint) throws Exception {
        String script = String.join("\n",
                "import boto3, botocore.config, urllib.request",
                // botocore's defaults: SigV4 for requests, SigV2 for presigned URLs.
                "s3 = boto3.client('s3', endpoint_url='" + endpoint + "', region_name='us-east-1',",
                "    aws_access_key_id='test', aws_secret_access_key='test')",
                "s3.create_bucket(Bucket='boto-bucket')",
                "s3.put_object(Bucket='boto-bucket', Key='dir/k 1', Body=b'hello', Metadata={'m': 'v'})",
                "r = s3.get_object(Bucket='boto-bucket', Key='dir/k 1')",
                "assert r['Body'].read() == b'hello' and r['Metadata'] == {'m': 'v'}",
                "assert s3.get_object(Bucket='boto-bucket', Key='dir/k 1', Range='bytes=1-2')['Body'].read() == b'el'",
                "keys = [o['Key'] for o in s3.list_objects_v2(Bucket='boto-bucket', Prefix='dir/')['Contents']]",
                "assert keys == ['dir/k 1'], keys",
                "try:",
                "    s3.get_object(Bucket='boto-bucket', Key='missing')",
                "    raise SystemExit('expected NoSuchKey')",
                "except s3.exceptions.NoSuchKey:",
                "    pass",
                "mpu = s3.create_multipart_upload(Bucket='boto-bucket', Key='mp')",
                "p = s3.upload_part(Bucket='boto-bucket', Key='mp', UploadId=mpu['UploadId'], PartNumber=1, Body=b'x' * 10)",
                "s3.complete_multipart_upload(Bucket='boto-bucket', Key='mp', UploadId=mpu['UploadId'],",
                "    MultipartUpload={'Parts': [{'PartNumber': 1, 'ETag': p['ETag']}]})",
                "assert s3.head_object(Bucket='boto-bucket', Key='mp')['ContentLength'] == 10",
                "url = s3.generate_presigned_url('get_object', Params={'Bucket': 'boto-bucket', 'Key': 'dir/k 1'}, ExpiresIn=60)",
                "assert 'AWSAccessKeyId=' in url and 'Signature=' in url, url",
                "assert urllib.request.urlopen(url).read() == b'hello'",
                // SigV2 in the Authorization header (AWS key:signature), still accepted by S3 for old clients.
                "v2 = boto3.client('s3', endpoint_url='" + endpoint + "', region_name='us-east-1',",
                "    aws_access_key_id='test', aws_secret_access_key='test',",
                "    config=botocore.config.Config(signature_version='s3'))",
                "assert v2.get_object(Bucket='boto-bucket', Key='dir/k 1')['Body'].read() == b'hello'",
                "v2.put_object(Bucket='boto-bucket', Key='v2', Body=b'two', Metadata={'m': 'v'})",
                "v2.delete_object(Bucket='boto-bucket', Key='v2')",
                "s3.delete_objects(Bucket='boto-bucket', Delete={'Objects': [{'Key': 'dir/k 1'}, {'Key': 'mp'}]})",
                "s3.delete_bucket(Bucket='boto-bucket')",
                "print('ok')");
        Processes.Result result = Processes.run(List.of("python3", "-c", script), Map.of());
        assertEquals(0, result.exitCode(), result.output());
        assertEquals("ok", result.output().trim());
    }

    @Test
    void transferManagerUploadsAndDownloadsAFileInParts(URI endpoint, @TempDir Path dir) throws Exception {
        Path file = randomFile(dir, "tm.bin", 24L * 1024 * 1024);
        try (S3AsyncClient async = s3Async(endpoint); S3TransferManager tm = S3TransferManager.builder().s3Client(async).build()) {
            async.createBucket(b -> b.bucket("tm-bucket")).join();
            CompletedFileUpload upload = tm.uploadFile(u -> u.source(file).putObjectRequest(p -> p.bucket("tm-bucket").key("tm.bin")))
                    .completionFuture().join();
            assertTrue(upload.response().eTag().contains("-"), upload.response().eTag());
            Path back = dir.resolve("tm-back.bin");
            tm.downloadFile(d -> d.destination(back).getObjectRequest(g -> g.bucket("tm-bucket").key("tm.bin")))
                    .completionFuture().join();
            assertEquals(md5(file), md5(back));
        }
        try (S3Client s3 = s3(endpoint)) {
            s3.putObject(b -> b.bucket("tm-bucket").key("small"), RequestBody.fromString("s"));
        }
    }
}
