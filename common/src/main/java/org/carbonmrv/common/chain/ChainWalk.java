package org.carbonmrv.common.chain;

/**
 * Walks a chain's rows in sequence order, recomputing each hash: the first row whose stored hash differs from its
 * recomputed content's (changed content), whose predecessor hash is not the row before's (a broken link), or whose
 * sequence number skips (a row removed) ends the walk.
 */
public final class ChainWalk {

    private final String chain;
    private long rows;
    private long expectedSeq = 1;
    private String previous = Chain.GENESIS;
    private ChainReport broken;

    public ChainWalk(String chain) {
        this.chain = chain;
    }

    /** @return false once the chain is broken (the rest need not be read) */
    public boolean next(long seq, String prevHash, String hash, String content) {
        if (broken != null) {
            return false;
        }
        rows++;
        if (seq != expectedSeq) {
            broken = ChainReport.broken(chain, rows, expectedSeq, "row " + expectedSeq + " is missing (next is "
                    + seq + ")");
        } else if (!previous.equals(prevHash)) {
            broken = ChainReport.broken(chain, rows, seq, "its predecessor hash is not row " + (seq - 1) + "'s");
        } else if (!Chain.hash(prevHash, content).equals(hash)) {
            broken = ChainReport.broken(chain, rows, seq, "its content does not match its hash (changed after it "
                    + "was written)");
        }
        previous = hash;
        expectedSeq = seq + 1;
        return broken == null;
    }

    public ChainReport report() {
        return broken != null ? broken : ChainReport.intact(chain, rows, previous);
    }
}
