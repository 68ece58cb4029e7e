#!/usr/bin/python3
"""PyTorch reference tensors for tests/test_torch_parity.cpp.

Usage: /usr/bin/python3 tools/make_golden.py OUTDIR    (Debian python3-torch, float32)

Writes OUTDIR/<case>.json per case: the config, x (B,T,F), y (B,O), the forward output, the
loss, the initial weights, every gradient (incl. dx) and the weights after ADAM_STEPS steps of
torch.optim.Adam on the same batch. Weight and gradient dicts use the PyTorch layout of
core/io/weights_io.h, so the C++ test loads them through the real import path.

Cells: nn.LSTM, nn.GRU and nn.RNN themselves where they can express the activations, else
hand-written modules with the same parameter names and gate order (LSTM i, f, g, o; GRU r, z, n).
GRU and SimpleRNN docs carry "config": {"cell": ...} so the import checks the cell.

For the LSTM and SimpleRNN PyTorch keeps two biases per layer where the model (and Keras) keeps
one. Adam would move both, i.e. the sum twice as far, so bias_hh is frozen (non-zero, no grad):
the sum then moves exactly like the single bias. Its "gradient" is written as zeros. The GRU
(reset_after, like nn.GRU) keeps both biases in the model too, so nothing is frozen there.
"""
import json
import os
import sys

import torch

B, T, F, O = 4, 6, 3, 2
ADAM_STEPS = 5
LR, BETAS, EPS = 1e-2, (0.9, 0.999), 1e-8


def keras_hard_sigmoid(x):  # tf.keras 2.x: clip(0.2 x + 0.5, 0, 1)
    return torch.clamp(0.2 * x + 0.5, 0.0, 1.0)


def add_layer_params(module, units, gates, scale):
    """nn.LSTM / nn.GRU's parameters per layer k (weight_ih_l{k}, weight_hh_l{k}, bias_ih_l{k},
    bias_hh_l{k}, `gates` blocks each), drawn U(-b, b) with their default b = 1/sqrt(H), scaled."""
    n_in = F
    for k, h in enumerate(units):
        bound = scale / h ** 0.5
        for name, shape in ((f"weight_ih_l{k}", (gates * h, n_in)), (f"weight_hh_l{k}", (gates * h, h)),
                            (f"bias_ih_l{k}", (gates * h,)), (f"bias_hh_l{k}", (gates * h,))):
            setattr(module, name, torch.nn.Parameter(torch.empty(shape).uniform_(-bound, bound)))
        n_in = h


class HandLSTM(torch.nn.Module):
    """Stacked LSTM with nn.LSTM's parameter names and gate order (i, f, g, o), any activations."""

    def __init__(self, units, act, rec, scale):
        super().__init__()
        self.units, self.act, self.rec = units, act, rec
        add_layer_params(self, units, 4, scale)

    def forward(self, x):
        seq = x
        for k, H in enumerate(self.units):
            w_ih, w_hh = getattr(self, f"weight_ih_l{k}"), getattr(self, f"weight_hh_l{k}")
            b = getattr(self, f"bias_ih_l{k}") + getattr(self, f"bias_hh_l{k}")
            h = torch.zeros(x.shape[0], H)
            c = torch.zeros(x.shape[0], H)
            outs = []
            for t in range(seq.shape[1]):
                z = seq[:, t, :] @ w_ih.T + h @ w_hh.T + b
                zi, zf, zg, zo = z.chunk(4, dim=1)
                i, f, o = self.rec(zi), self.rec(zf), self.rec(zo)
                c = f * c + i * self.act(zg)
                h = o * self.act(c)
                outs.append(h)
            seq = torch.stack(outs, dim=1)
        return seq


class HandGRU(torch.nn.Module):
    """Stacked GRU with nn.GRU's parameter names, gate order (r, z, n) and maths (the reset gate
    applied after the recurrent matmul, = Keras reset_after=True), any activations."""

    def __init__(self, units, act, rec, scale):
        super().__init__()
        self.units, self.act, self.rec = units, act, rec
        add_layer_params(self, units, 3, scale)

    def forward(self, x):
        seq = x
        for k, H in enumerate(self.units):
            w_ih, w_hh = getattr(self, f"weight_ih_l{k}"), getattr(self, f"weight_hh_l{k}")
            b_ih, b_hh = getattr(self, f"bias_ih_l{k}"), getattr(self, f"bias_hh_l{k}")
            h = torch.zeros(x.shape[0], H)
            outs = []
            for t in range(seq.shape[1]):
                a_r, a_z, a_n = (seq[:, t, :] @ w_ih.T + b_ih).chunk(3, dim=1)
                q_r, q_z, q_n = (h @ w_hh.T + b_hh).chunk(3, dim=1)
                r, z = self.rec(a_r + q_r), self.rec(a_z + q_z)
                n = self.act(a_n + r * q_n)
                h = z * h + (1 - z) * n
                outs.append(h)
            seq = torch.stack(outs, dim=1)
        return seq


class Net(torch.nn.Module):
    def __init__(self, rnn):
        super().__init__()
        self.rnn = rnn
        self.head = torch.nn.Linear(rnn_units(rnn)[-1], O)

    def forward(self, x):
        out = self.rnn(x)
        out = out[0] if isinstance(out, tuple) else out
        return self.head(out[:, -1, :])


def rnn_units(rnn):
    if isinstance(rnn, torch.nn.RNNBase):  # nn.LSTM, nn.GRU, nn.RNN
        return [rnn.hidden_size] * rnn.num_layers
    return rnn.units


def weights_doc(net, cell, grads=False):
    doc = {"layout": "pytorch"}
    if cell != "lstm":  # without "config" the import takes the file for an LSTM
        doc["config"] = {"cell": cell}
    for name, p in net.named_parameters():
        key = name.split(".", 1)[1] if name.startswith("rnn.") else name
        if grads:
            doc[key] = (p.grad if p.grad is not None else torch.zeros_like(p)).tolist()
        else:
            doc[key] = p.detach().tolist()
    return doc


def make_rnn(cell, units, activation, recurrent, scale):
    """The torch module itself when it can express the activations, else the hand-written one."""
    native = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU, "simple_rnn": torch.nn.RNN}[cell]
    if cell == "simple_rnn":  # nn.RNN has tanh and relu; no gates, so no recurrent activation
        assert recurrent == "sigmoid" and len(set(units)) == 1
        rnn = native(F, units[0], num_layers=len(units), nonlinearity=activation, batch_first=True)
    elif activation == "tanh" and recurrent == "sigmoid":
        assert len(set(units)) == 1
        rnn = native(F, units[0], num_layers=len(units), batch_first=True)
    else:
        act = torch.tanh if activation == "tanh" else torch.relu
        rec = torch.sigmoid if recurrent == "sigmoid" else keras_hard_sigmoid
        return (HandLSTM if cell == "lstm" else HandGRU)(units, act, rec, scale)
    if scale != 1.0:
        with torch.no_grad():
            for p in rnn.parameters():
                p.mul_(scale)
    return rnn


def make_case(name, seed, units, activation, recurrent, loss, scale=1.0, cell="lstm"):
    torch.manual_seed(seed)
    net = Net(make_rnn(cell, units, activation, recurrent, scale))
    if cell != "gru":  # one bias in the model: freeze the second (see the top)
        for pname, p in net.named_parameters():
            if "bias_hh" in pname:
                p.requires_grad_(False)
    x = torch.randn(B, T, F)
    y = torch.randn(B, O)
    loss_fn = torch.nn.MSELoss() if loss == "mse" else torch.nn.L1Loss()

    weights = weights_doc(net, cell)
    xg = x.clone().requires_grad_(True)
    out = net(xg)
    l0 = loss_fn(out, y)
    l0.backward()
    grads = weights_doc(net, cell, grads=True)
    dx = xg.grad

    opt = torch.optim.Adam([p for p in net.parameters() if p.requires_grad], lr=LR, betas=BETAS,
                           eps=EPS)
    losses = []
    for _ in range(ADAM_STEPS):
        opt.zero_grad()
        l = loss_fn(net(x), y)
        losses.append(l.item())
        l.backward()
        opt.step()

    return {
        "case": name,
        "config": {"cell": cell, "n_layers": len(units), "units": units, "n_features": F, "n_outputs": O,
                   "batch": B, "steps": T, "activation": activation,
                   "recurrent_activation": recurrent, "loss": loss, "lr": LR,
                   "beta1": BETAS[0], "beta2": BETAS[1], "eps": EPS, "adam_steps": ADAM_STEPS},
        "x": x.flatten().tolist(),
        "y": y.flatten().tolist(),
        "out": out.detach().flatten().tolist(),
        "loss": l0.item(),
        "dx": dx.flatten().tolist(),
        "weights": weights,
        "grads": grads,
        "losses": losses,
        "weights_after": weights_doc(net, cell),
    }


CASES = [
    # nn.LSTM itself: the reference the hand-written cell must agree with.
    dict(name="tanh_sigmoid_mse", seed=1, units=[8, 8], activation="tanh", recurrent="sigmoid",
         loss="mse"),
    dict(name="relu_sigmoid_mae", seed=2, units=[6, 5], activation="relu", recurrent="sigmoid",
         loss="mae"),
    # Weights scaled up so some gates leave hard_sigmoid's linear band (-2.5, 2.5).
    dict(name="tanh_hardsigmoid_mse", seed=3, units=[7, 4], activation="tanh",
         recurrent="hard_sigmoid", loss="mse", scale=3.0),
    # GRU: nn.GRU itself, then a hand-written cell (same maths) for relu / hard_sigmoid, weights
    # scaled so gates reach hard_sigmoid's flat sides and candidates relu's zero side.
    dict(name="gru_tanh_sigmoid_mse", seed=4, units=[8, 8], activation="tanh",
         recurrent="sigmoid", loss="mse", cell="gru"),
    dict(name="gru_relu_hardsigmoid_mae", seed=5, units=[6, 5], activation="relu",
         recurrent="hard_sigmoid", loss="mae", scale=3.0, cell="gru"),
    # SimpleRNN: nn.RNN with both of its nonlinearities.
    dict(name="rnn_tanh_mse", seed=6, units=[8, 8], activation="tanh", recurrent="sigmoid",
         loss="mse", cell="simple_rnn"),
    dict(name="rnn_relu_mae", seed=7, units=[7, 7], activation="relu", recurrent="sigmoid",
         loss="mae", cell="simple_rnn"),
]


def check_hand_cells():
    """The hand-written cells with tanh/sigmoid must be nn.LSTM / nn.GRU, parameter for parameter."""
    torch.manual_seed(0)
    x = torch.randn(B, T, F)
    for native, hand in ((torch.nn.LSTM, HandLSTM), (torch.nn.GRU, HandGRU)):
        ref = native(F, 5, num_layers=2, batch_first=True)
        mine = hand([5, 5], torch.tanh, torch.sigmoid, 1.0)
        mine.load_state_dict(ref.state_dict())
        with torch.no_grad():
            err = (mine(x) - ref(x)[0]).abs().max().item()
        assert err < 1e-6, f"{hand.__name__} differs from {native.__name__} by {err}"


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_golden.py OUTDIR")
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    torch.set_num_threads(1)
    check_hand_cells()
    for case in CASES:
        doc = make_case(**case)
        with open(os.path.join(out_dir, case["name"] + ".json"), "w") as f:
            json.dump(doc, f)
    print(f"make_golden: {len(CASES)} cases in {out_dir} (torch {torch.__version__})")


if __name__ == "__main__":
    main()
