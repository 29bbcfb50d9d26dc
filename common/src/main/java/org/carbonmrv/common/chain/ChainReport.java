package org.carbonmrv.common.chain;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What recomputing one chain found: how many rows it checked, whether every link holds, and the first that does
 * not (its sequence number, and why: content changed, link to the predecessor broken, a row missing).
 */
@RegisterForReflection
public record ChainReport(String chain, long rows, boolean intact, Long firstBrokenSeq, String problem,
        String headHash) {

    public static ChainReport intact(String chain, long rows, String headHash) {
        return new ChainReport(chain, rows, true, null, null, headHash);
    }

    public static ChainReport broken(String chain, long rows, long seq, String problem) {
        return new ChainReport(chain, rows, false, seq, problem, null);
    }
}
