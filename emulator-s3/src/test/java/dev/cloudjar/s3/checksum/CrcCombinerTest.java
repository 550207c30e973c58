package dev.cloudjar.s3.checksum;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class CrcCombinerTest {
    static byte[] checksum(ChecksumAlgorithm algorithm, byte[] bytes, int from, int to) {
        ChecksumAlgorithm.Hasher hasher = algorithm.newHasher();
        hasher.update(bytes, from, to - from);
        return hasher.finish();
    }

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32C", "CRC64NVME"})
    void combiningTheChecksumsOfTheRunsGivesTheChecksumOfTheWhole(ChecksumAlgorithm algorithm) {
        byte[] bytes = new byte[300_000];
        new Random(7).nextBytes(bytes);
        for (int cut : new int[]{0, 1, 5, 8, 4096, 123_457, 299_999, 300_000}) {
            byte[] first = checksum(algorithm, bytes, 0, cut);
            byte[] second = checksum(algorithm, bytes, cut, bytes.length);
            assertArrayEquals(checksum(algorithm, bytes, 0, bytes.length),
                    algorithm.combine(first, second, bytes.length - cut), algorithm + " cut at " + cut);
        }
    }

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32C", "CRC64NVME"})
    void combiningRunByRunGivesTheChecksumOfManyRunsAndOfEmptyOnes(ChecksumAlgorithm algorithm) {
        byte[] bytes = new byte[70_001];
        new Random(11).nextBytes(bytes);
        int[] cuts = {0, 0, 3, 1000, 1000, 65_536, 70_001};
        byte[] combined = checksum(algorithm, bytes, 0, 0);
        for (int i = 1; i < cuts.length; i++) {
            combined = algorithm.combine(combined, checksum(algorithm, bytes, cuts[i - 1], cuts[i]), cuts[i] - cuts[i - 1]);
        }
        assertArrayEquals(checksum(algorithm, bytes, 0, bytes.length), combined, Arrays.toString(cuts));
    }
}
