// Heatmap of a float texture through a colormap. One source for both stages and both GL flavours:
// the app prepends "#version 300 es\nprecision highp float;\n" (WebGL2) or "#version 330 core\n",
// then "#define VERTEX_SHADER\n" for the vertex stage. Drawn as a 4-vertex strip without buffers.
#ifdef VERTEX_SHADER
uniform vec4 u_rect;  // x0, y0, x1, y1 in clip space (y0 = top)
out vec2 v_uv;        // (0,0) top-left .. (1,1) bottom-right
void main() {
  vec2 corner = vec2(float(gl_VertexID & 1), float((gl_VertexID >> 1) & 1));
  v_uv = corner;
  gl_Position = vec4(mix(u_rect.x, u_rect.z, corner.x), mix(u_rect.y, u_rect.w, corner.y), 0.0, 1.0);
}
#else
uniform sampler2D u_tex;  // R32F, one texel per cell
uniform vec2 u_range;     // values mapped to the ends of the colormap
uniform int u_diverging;  // 1: blue-white-red around the middle; 0: viridis-like
uniform int u_transpose;  // 1: texture rows are screen columns ((T, u) traces shown as u x T)
in vec2 v_uv;
out vec4 frag;

vec3 viridis(float t) {
  // Polynomial fit of matplotlib's viridis (Jerome Liard, shadertoy WlfXRN).
  const vec3 c0 = vec3(0.2777, 0.0054, 0.3341), c1 = vec3(0.1050, 1.4046, 1.3846);
  const vec3 c2 = vec3(-0.3309, 0.2148, 0.0951), c3 = vec3(-4.6342, -5.7991, -19.3324);
  const vec3 c4 = vec3(6.2283, 14.1799, 56.6906), c5 = vec3(4.7764, -13.7451, -65.3530);
  const vec3 c6 = vec3(-5.4355, 4.6459, 26.3124);
  return c0 + t * (c1 + t * (c2 + t * (c3 + t * (c4 + t * (c5 + t * c6)))));
}

vec3 diverging(float t) {  // t in [0, 1], 0.5 = white
  vec3 blue = vec3(0.13, 0.40, 0.80), white = vec3(0.95), red = vec3(0.84, 0.19, 0.15);
  return t < 0.5 ? mix(blue, white, t * 2.0) : mix(white, red, t * 2.0 - 1.0);
}

void main() {
  vec2 uv = u_transpose == 1 ? v_uv.yx : v_uv;
  float v = texture(u_tex, uv).r;
  float t = clamp((v - u_range.x) / max(u_range.y - u_range.x, 1e-12), 0.0, 1.0);
  vec3 rgb = u_diverging == 1 ? diverging(t) : viridis(t);
  if (v != v) rgb = vec3(1.0, 0.0, 1.0);  // NaN shows magenta
  frag = vec4(rgb, 1.0);
}
#endif
