// libFuzzer target for the share-link decoder (cmake/fuzz.cmake builds it with clang++
// -fsanitize=fuzzer,address,undefined). An input starting with 'v' or '#' is a fragment as typed;
// any other input is a payload body that gets a fresh header and checksum first, so the fuzzer
// reaches the field parser instead of stopping at the CRC. Every accepted link must survive
// encode -> decode unchanged, and encoding must be canonical.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "share_link.h"

using namespace lstm;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string link;
  if (size > 0 && (data[0] == 'v' || data[0] == '#'))
    link.assign(reinterpret_cast<const char*>(data), size);
  else
    link = link_detail::seal(std::vector<uint8_t>(data, data + size));

  ShareState s;
  ShareState untouched = s;
  const std::string msg = decode_link(link, &s);
  if (!msg.empty()) {
    if (!same_share_state(s, untouched)) std::abort();  // a failed decode changed the output
    return 0;
  }
  const std::string again = encode_link(s);
  ShareState t;
  if (!decode_link(again, &t).empty()) std::abort();  // re-encoding an accepted state failed
  if (!same_share_state(s, t)) std::abort();          // decode(encode(x)) != x
  if (encode_link(t) != again) std::abort();          // encoding is not canonical
  return 0;
}
