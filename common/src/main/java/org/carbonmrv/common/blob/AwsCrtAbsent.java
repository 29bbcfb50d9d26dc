package org.carbonmrv.common.blob;

import java.util.function.BooleanSupplier;

import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;

import software.amazon.awssdk.checksums.SdkChecksum;
import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;

/**
 * Native-image substitutions for the AWS SDK's checksum provider without the optional {@code aws-crt} module. The SDK
 * chooses CRT checksums only when it finds CRT at run time; native-image links every branch at build time, so the CRT
 * branches are replaced by what the SDK does when CRT is missing. CRC32C comes from {@code java.util.zip}, and CRC64NVME
 * or xxHash, which need CRT, fail with the SDK's own message.
 */
@TargetClass(className = "software.amazon.awssdk.checksums.internal.ChecksumProvider",
        onlyWith = AwsCrtAbsent.SdkChecksumsPresent.class)
final class AwsCrtAbsent {

    private AwsCrtAbsent() {
    }

    @Substitute
    static SdkChecksum createCrtCrc32C() {
        return null;
    }

    @Substitute
    static SdkChecksum crc64NvmeCrtImplementation() {
        throw new IllegalStateException("CRC64NVME is not available in this build. "
                + "Add dependency on 'software.amazon.awssdk.crt:aws-crt' module");
    }

    @Substitute
    static SdkChecksum crtXxHash(ChecksumAlgorithm algorithm) {
        throw new IllegalStateException("xxHash checksums are not available in this build. "
                + "Add dependency on 'software.amazon.awssdk.crt:aws-crt' module");
    }

    /** Only services that carry the S3 client (ingest, mrv) have the class this substitutes. */
    static final class SdkChecksumsPresent implements BooleanSupplier {
        @Override
        public boolean getAsBoolean() {
            try {
                Class.forName("software.amazon.awssdk.checksums.internal.ChecksumProvider", false,
                        Thread.currentThread().getContextClassLoader());
                return true;
            } catch (ClassNotFoundException e) {
                return false;
            }
        }
    }
}
