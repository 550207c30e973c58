package dev.cloudjar.s3.checksum;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Crc64NvmeTest {
    @Test
    void checkValueOf123456789IsTheCatalogued0xAE8B14860A799888() {
        Crc64Nvme crc = new Crc64Nvme();
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        crc.update(check, 0, check.length);
        assertEquals(0xAE8B14860A799888L, crc.getValue());
    }

    @Test
    void emptyInputChecksumsToZero() {
        assertEquals(0L, new Crc64Nvme().getValue());
    }
}
