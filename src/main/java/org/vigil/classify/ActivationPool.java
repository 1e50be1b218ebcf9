package org.vigil.classify;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.internal.memory.AbstractMemoryMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The memory manager of a model's SameDiff inference session: every array it lends during a call
 * comes back at the end of the call ({@link #reclaim}) and is lent again for the next array of the
 * same type and shape.
 *
 * <p>Why: ND4J 1.0.0-M2.1's own manager reuses only the arrays the session releases, and the session
 * does not release all of them: in the ResNet, 8 of 29 per call (two of each downsampling block's
 * outputs, and the output). Each call then took fresh native memory for those, which went back only
 * at a garbage collection, and the ResNet ran batches of 64 at half speed or less until one came
 * (docs/benchmarks.md, "Activation pool").
 *
 * <p>Not thread-safe: the owning model lends and reclaims under its lock. Arrays the session hands back
 * while a view still shares their memory are not lent again.
 */
final class ActivationPool extends AbstractMemoryMgr {
    /**
     * Idle arrays kept at most; the least recently used shapes go first. ND4J's own manager's budget: a
     * quarter of the native memory JavaCPP allows (1.5 GB under run.sh's -Xmx6g). A ResNet batch of
     * 256 faces (mirror-averaged evaluation) needs about 0.9 GB.
     */
    static final long MAX_IDLE_BYTES = org.bytedeco.javacpp.Pointer.maxBytes() / 4;

    private final long maxIdleBytes;
    /** Idle arrays by type and shape, least recently used first. */
    private final LinkedHashMap<String, ArrayDeque<INDArray>> idle = new LinkedHashMap<>(16, 0.75f, true);
    /** Arrays lent in this call, with their key. */
    private final Map<INDArray, String> lent = new IdentityHashMap<>();
    private long idleBytes;
    private long created;

    ActivationPool(long maxIdleBytes) {
        this.maxIdleBytes = maxIdleBytes;
    }

    @Override
    public INDArray allocate(boolean detached, DataType type, long... shape) {
        String key = type + Arrays.toString(shape);
        ArrayDeque<INDArray> free = idle.get(key);
        INDArray array = null;
        long size = type.width() * org.nd4j.common.util.ArrayUtil.prodLong(shape);
        while (array == null && free != null && !free.isEmpty()) {
            INDArray candidate = free.pop();
            idleBytes -= size; // from the shape: a closed array may have no data left to measure
            if (!candidate.wasClosed()) array = candidate; // as ND4J's own manager: never lend a closed array
        }
        if (array == null) {
            array = Nd4j.createUninitializedDetached(type, shape);
            created++;
        }
        lent.put(array, key);
        return array;
    }

    @Override
    public INDArray allocate(boolean detached, LongShapeDescriptor descriptor) {
        return allocate(detached, descriptor.dataType(), descriptor.getShape());
    }

    /** The session is done with an array before the call ends: lend it again in this call. */
    @Override
    public void release(INDArray array) {
        String key = lent.remove(array);
        if (key == null) return; // not ours: left to ND4J's garbage collection, as before
        if (Nd4j.getExecutioner().useCount(array.data()) > 1) return; // a view still reads it
        park(key, array);
    }

    /** The call is over and its answer copied out: every array lent in it is free again. */
    void reclaim() {
        for (Map.Entry<INDArray, String> e : lent.entrySet()) park(e.getValue(), e.getKey());
        lent.clear();
        Iterator<Map.Entry<String, ArrayDeque<INDArray>>> eldest = idle.entrySet().iterator();
        while (idleBytes > maxIdleBytes && eldest.hasNext()) {
            for (INDArray a : eldest.next().getValue()) {
                idleBytes -= bytes(a);
                a.close();
            }
            eldest.remove();
        }
    }

    /** Arrays this pool has had to create so far (a pool that works creates none once warm). */
    long created() {
        return created;
    }

    long idleBytes() {
        return idleBytes;
    }

    /** Frees every idle array; arrays still lent are left to the garbage collector. */
    @Override
    public void close() {
        for (ArrayDeque<INDArray> free : idle.values()) for (INDArray a : free) a.close();
        idle.clear();
        lent.clear();
        idleBytes = 0;
    }

    private void park(String key, INDArray array) {
        idle.computeIfAbsent(key, k -> new ArrayDeque<>()).push(array);
        idleBytes += bytes(array);
    }

    private static long bytes(INDArray a) {
        return a.data().length() * a.dataType().width();
    }
}
