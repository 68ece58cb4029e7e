// Where the playground's runs train: a dedicated Web Worker each in the browser (in-frame slices
// when workers are unavailable or `?worker=0`), a std::thread each natively.
#pragma once
#include "session.h"

lstm::Session::RunnerFactory platform_runner_factory();
