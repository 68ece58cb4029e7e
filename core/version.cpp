#include "version.h"

namespace lstm {
const char* version() { return LSTM_VERSION; }
}  // namespace lstm
