"""PyTorch 1.13 peer (Debian python3-torch, 1 thread): python3 peer_torch.py SPEC.json.
Keras-equivalent model: stacked nn.LSTM (sigmoid gates, tanh), glorot_uniform input kernels,
orthogonal recurrent kernels, unit forget bias, Dense(1) on the last h; Adam(lr 1e-3, eps 1e-7),
MSE, shuffled batches. Protocol of bench/run.mjs: one warm-up epoch (cut at warm_s, not timed),
then whole batches until cap_s seconds or max_epochs. One JSON line per workload.
A workload's optional "cell" (bench/run_cells.mjs): "lstm" (default), "gru" (nn.GRU: Keras
GRU(reset_after=True) has its two biases too, zeroed) or "simple_rnn" (nn.RNN, tanh); the same
init per gate block (LSTM i, f, g, o; GRU r, z, n; RNN one), unit forget bias for the LSTM only."""
import json, sys, time
import torch

torch.set_num_threads(1)
torch.manual_seed(1)


CELLS = {"lstm": (torch.nn.LSTM, 4), "gru": (torch.nn.GRU, 3), "simple_rnn": (torch.nn.RNN, 1)}


class Net(torch.nn.Module):
    def __init__(self, layers, units, cell="lstm"):
        super().__init__()
        kind, blocks = CELLS[cell]
        self.lstm = kind(1, units, num_layers=layers, batch_first=True)
        self.head = torch.nn.Linear(units, 1)
        for name, p in self.lstm.named_parameters():
            with torch.no_grad():
                if name.startswith("weight_ih"):   # (blocks u, in), LSTM gate blocks i, f, g, o
                    torch.nn.init.xavier_uniform_(p)
                elif name.startswith("weight_hh"):
                    for k in range(blocks):
                        torch.nn.init.orthogonal_(p[k * units:(k + 1) * units])
                else:
                    p.zero_()
                    if cell == "lstm" and name.startswith("bias_ih"):
                        p[units:2 * units] = 1.0  # unit_forget_bias
        torch.nn.init.xavier_uniform_(self.head.weight)
        torch.nn.init.zeros_(self.head.bias)

    def forward(self, x):
        out, _ = self.lstm(x)
        return self.head(out[:, -1, :])


def run(w, warm_s, cap_s):
    s = torch.tensor(w["series"], dtype=torch.float32)
    L, B = w["look_back"], w["batch"]
    n = len(s) - L
    x = torch.stack([s[i:i + L] for i in range(n)]).unsqueeze(-1)  # (N, L, 1)
    y = s[L:].unsqueeze(-1)                                        # (N, 1)
    net = Net(w["layers"], w["units"], w.get("cell", "lstm"))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3, eps=1e-7)
    lossf = torch.nn.MSELoss()
    state = {"order": torch.randperm(n), "pos": 0, "epoch_sum": 0.0, "epoch_n": 0,
             "last_epoch_loss": float("nan"), "epochs": 0}

    def batch():
        idx = state["order"][state["pos"]:state["pos"] + B]
        opt.zero_grad()
        loss = lossf(net(x[idx]), y[idx])
        loss.backward()
        opt.step()
        b = len(idx)
        state["pos"] += b
        state["epoch_sum"] += loss.item() * b
        state["epoch_n"] += b
        if state["pos"] >= n:
            state["last_epoch_loss"] = state["epoch_sum"] / state["epoch_n"]
            state.update(order=torch.randperm(n), pos=0, epoch_sum=0.0, epoch_n=0)
            state["epochs"] += 1
        return b

    t0 = time.perf_counter()
    while state["epochs"] < 1 and time.perf_counter() - t0 < warm_s:
        batch()
    e0, done = state["epochs"], 0
    t0 = time.perf_counter()
    dt = 0.0
    while state["epochs"] - e0 < w["max_epochs"] and dt < cap_s:
        done += batch()
        dt = time.perf_counter() - t0
    loss = state["last_epoch_loss"] if state["epochs"] > e0 else state["epoch_sum"] / max(state["epoch_n"], 1)
    return {"samples": done, "seconds": dt, "samples_per_s": done / dt, "loss": loss,
            "epochs": state["epochs"] + state["pos"] / n}


if __name__ == "__main__":
    spec = json.load(open(sys.argv[1]))
    for w in spec["workloads"]:
        r = run(w, spec["warm_s"], spec["cap_s"])
        print(json.dumps({"name": w["name"], "result": r}), flush=True)
