package dev.dfd.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Stochastic gradient descent with momentum, weight decay and optional Nesterov momentum, with
 * exactly PyTorch's {@code torch.optim.SGD} update (no dampening):
 *
 * <pre>
 * g = grad + weightDecay * w
 * v = (first step) ? g : momentum * v + g
 * d = nesterov ? g + momentum * v : v
 * w = w - lr * d
 * </pre>
 *
 * <p>Gradients are cleared after each update (PyTorch, and so DJL's PyTorch engine, adds new
 * gradients to old ones). The momentum buffers are kept per parameter name and can be saved and
 * restored ({@link #state()}, {@link #restore}), so that a resumed run continues the same
 * trajectory. Buffers live in the manager given at construction, on the parameters' device. Not
 * thread-safe: one trainer owns it.
 */
public final class Sgd {
    private final double momentum;
    private final double weightDecay;
    private final boolean nesterov;
    private final NDManager manager;
    private final Map<String, NDArray> buffers = new LinkedHashMap<>();

    /**
     * Creates the optimiser.
     *
     * @param manager owns the momentum buffers
     * @param momentum in [0, 1) (the 2020 reference: 0.8)
     * @param weightDecay L2 coefficient, at least 0 (the 2020 reference: 1e-6)
     * @param nesterov whether to use Nesterov momentum (needs momentum > 0)
     */
    public Sgd(NDManager manager, double momentum, double weightDecay, boolean nesterov) {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        }
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("Nesterov momentum needs momentum > 0");
        }
        this.manager = Objects.requireNonNull(manager, "manager");
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
    }

    /**
     * Applies one update to every parameter that has a gradient; parameters without one (frozen, or
     * not reached by the loss) are left unchanged.
     *
     * @param parameters the parameters by name
     * @param learningRate the rate of this step
     */
    @SuppressWarnings("try") // the scope closes the temporaries the update creates
    public void step(Map<String, Parameter> parameters, double learningRate) {
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            Parameter p = e.getValue();
            if (!p.requiresGradient() || !p.isInitialized()) {
                continue;
            }
            NDArray w = p.getArray();
            if (!w.hasGradient()) {
                continue;
            }
            try (NDScope scope = new NDScope()) {
                NDArray grad = w.getGradient();
                NDArray g = weightDecay != 0 ? grad.add(w.mul(weightDecay)) : grad;
                NDArray d = g;
                if (momentum != 0) {
                    NDArray v = buffers.get(e.getKey());
                    if (v == null) {
                        v = g.duplicate();
                        NDScope.unregister(v);
                        v.attach(manager);
                        buffers.put(e.getKey(), v);
                    } else {
                        v.muli(momentum).addi(g);
                    }
                    d = nesterov ? g.add(v.mul(momentum)) : v;
                }
                // Update through a detached view of the same storage: grad mode is per thread in
                // PyTorch, and an in-place change of a leaf that requires grad is refused on any
                // thread where it is on.
                NDArray detached = w.stopGradient();
                detached.subi(d.mul(learningRate));
                // PyTorch accumulates gradients: clear them for the next step.
                grad.subi(grad);
            }
        }
    }

    /**
     * Clears the gradients of parameters without updating them (frozen parameters).
     *
     * @param parameters the parameters by name
     */
    public void zeroGradients(Map<String, Parameter> parameters) {
        for (Parameter p : parameters.values()) {
            if (p.isInitialized() && p.getArray().hasGradient()) {
                try (NDArray grad = p.getArray().getGradient()) {
                    grad.subi(grad);
                }
            }
        }
    }

    /**
     * The momentum buffers by parameter name, for saving. The arrays are owned by this optimiser
     * and must not be modified.
     *
     * @return the buffers, in the order they were created
     */
    public Map<String, NDArray> state() {
        return java.util.Collections.unmodifiableMap(buffers);
    }

    /**
     * Replaces the momentum buffers with copies of saved ones.
     *
     * @param saved buffers by parameter name, as {@link #state()} returned them
     */
    public void restore(Map<String, NDArray> saved) {
        buffers.values().forEach(NDArray::close);
        buffers.clear();
        for (Map.Entry<String, NDArray> e : saved.entrySet()) {
            NDArray copy = e.getValue().duplicate();
            copy.attach(manager);
            buffers.put(e.getKey(), copy);
        }
    }
}
