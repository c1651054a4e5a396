#include "imaging/thumbhash.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace vern::imaging {
namespace {

struct Channel {
  double dc = 0;
  std::vector<double> ac;
  double scale = 0;
};

// DCT of one channel, keeping the low-frequency terms of a triangle of nx × ny coefficients, the
// AC terms normalised to 0..1 by their largest magnitude.
Channel encode_channel(const std::vector<double>& values, int width, int height, int nx, int ny) {
  Channel channel;
  std::vector<double> fx(width);
  for (int cy = 0; cy < ny; ++cy) {
    for (int cx = 0; cx * ny < nx * (ny - cy); ++cx) {
      for (int x = 0; x < width; ++x) {
        fx[x] = std::cos(std::numbers::pi / width * cx * (x + 0.5));
      }
      double f = 0;
      for (int y = 0; y < height; ++y) {
        const double fy = std::cos(std::numbers::pi / height * cy * (y + 0.5));
        for (int x = 0; x < width; ++x) f += values[x + y * width] * fx[x] * fy;
      }
      f /= width * height;
      if (cx > 0 || cy > 0) {
        channel.ac.push_back(f);
        channel.scale = std::max(channel.scale, std::abs(f));
      } else {
        channel.dc = f;
      }
    }
  }
  if (channel.scale > 0) {
    for (double& ac : channel.ac) ac = 0.5 + 0.5 / channel.scale * ac;
  }
  return channel;
}

int rounded(double value) { return static_cast<int>(std::lround(value)); }

}  // namespace

std::vector<std::uint8_t> thumbhash_from_rgba(int width, int height,
                                              const std::vector<std::uint8_t>& rgba) {
  const int pixels = width * height;
  // Average colour, weighted by alpha.
  double avg_r = 0, avg_g = 0, avg_b = 0, avg_a = 0;
  for (int i = 0; i < pixels; ++i) {
    const double alpha = rgba[i * 4 + 3] / 255.0;
    avg_r += alpha / 255.0 * rgba[i * 4];
    avg_g += alpha / 255.0 * rgba[i * 4 + 1];
    avg_b += alpha / 255.0 * rgba[i * 4 + 2];
    avg_a += alpha;
  }
  if (avg_a > 0) {
    avg_r /= avg_a;
    avg_g /= avg_a;
    avg_b /= avg_a;
  }
  const bool has_alpha = avg_a < pixels;
  const int l_limit = has_alpha ? 5 : 7;
  const int long_side = std::max(width, height);
  const int lx = std::max(1, rounded(static_cast<double>(l_limit) * width / long_side));
  const int ly = std::max(1, rounded(static_cast<double>(l_limit) * height / long_side));

  // RGBA to LPQA, composited over the average colour.
  std::vector<double> l(pixels), p(pixels), q(pixels), a(pixels);
  for (int i = 0; i < pixels; ++i) {
    const double alpha = rgba[i * 4 + 3] / 255.0;
    const double r = avg_r * (1 - alpha) + alpha / 255.0 * rgba[i * 4];
    const double g = avg_g * (1 - alpha) + alpha / 255.0 * rgba[i * 4 + 1];
    const double b = avg_b * (1 - alpha) + alpha / 255.0 * rgba[i * 4 + 2];
    l[i] = (r + g + b) / 3;
    p[i] = (r + g) / 2 - b;
    q[i] = r - g;
    a[i] = alpha;
  }

  const Channel lc = encode_channel(l, width, height, std::max(3, lx), std::max(3, ly));
  const Channel pc = encode_channel(p, width, height, 3, 3);
  const Channel qc = encode_channel(q, width, height, 3, 3);
  const Channel ac = has_alpha ? encode_channel(a, width, height, 5, 5) : Channel{};

  const bool landscape = width > height;
  const std::uint32_t header24 = static_cast<std::uint32_t>(rounded(63 * lc.dc)) |
                                 (static_cast<std::uint32_t>(rounded(31.5 + 31.5 * pc.dc)) << 6) |
                                 (static_cast<std::uint32_t>(rounded(31.5 + 31.5 * qc.dc)) << 12) |
                                 (static_cast<std::uint32_t>(rounded(31 * lc.scale)) << 18) |
                                 (static_cast<std::uint32_t>(has_alpha) << 23);
  const std::uint32_t header16 = static_cast<std::uint32_t>(landscape ? ly : lx) |
                                 (static_cast<std::uint32_t>(rounded(63 * pc.scale)) << 3) |
                                 (static_cast<std::uint32_t>(rounded(63 * qc.scale)) << 9) |
                                 (static_cast<std::uint32_t>(landscape) << 15);
  std::vector<std::uint8_t> hash = {
      static_cast<std::uint8_t>(header24 & 255), static_cast<std::uint8_t>((header24 >> 8) & 255),
      static_cast<std::uint8_t>(header24 >> 16), static_cast<std::uint8_t>(header16 & 255),
      static_cast<std::uint8_t>(header16 >> 8)};
  if (has_alpha) {
    hash.push_back(static_cast<std::uint8_t>(rounded(15 * ac.dc) | (rounded(15 * ac.scale) << 4)));
  }
  const std::size_t ac_start = hash.size();
  std::size_t ac_index = 0;
  const auto write_ac = [&](const std::vector<double>& values) {
    for (const double f : values) {
      const std::size_t at = ac_start + (ac_index >> 1);
      if (hash.size() <= at) hash.resize(at + 1, 0);
      hash[at] |= static_cast<std::uint8_t>(rounded(15 * f) << ((ac_index & 1) << 2));
      ++ac_index;
    }
  };
  write_ac(lc.ac);
  write_ac(pc.ac);
  write_ac(qc.ac);
  if (has_alpha) write_ac(ac.ac);
  return hash;
}

std::string base64(const std::vector<std::uint8_t>& bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::uint32_t chunk = (bytes[i] << 16) | (i + 1 < bytes.size() ? bytes[i + 1] << 8 : 0) |
                                (i + 2 < bytes.size() ? bytes[i + 2] : 0);
    out.push_back(kAlphabet[(chunk >> 18) & 63]);
    out.push_back(kAlphabet[(chunk >> 12) & 63]);
    out.push_back(i + 1 < bytes.size() ? kAlphabet[(chunk >> 6) & 63] : '=');
    out.push_back(i + 2 < bytes.size() ? kAlphabet[chunk & 63] : '=');
  }
  return out;
}

}  // namespace vern::imaging
