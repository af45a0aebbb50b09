import Platform

/// Monotonic time in seconds.
func now() -> Double { Platform.monotonicSeconds() }

/// Seconds taken by `body`.
func time(_ body: () throws -> Void) rethrows -> Double {
  let t = now()
  try body()
  return now() - t
}

/// Order statistics of a sample.
struct Stats {
  var sorted: [Double]
  init(_ samples: [Double]) { sorted = samples.sorted() }
  func percentile(_ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let i = Swift.min(sorted.count - 1, Swift.max(0, Int((p / 100 * Double(sorted.count - 1)).rounded())))
    return sorted[i]
  }
  var median: Double { percentile(50) }
  var p95: Double { percentile(95) }
  var maximum: Double { sorted.last ?? .nan }
}

func ms(_ seconds: Double) -> String {
  if seconds.isNaN { return "n/a" }
  let v = seconds * 1000
  if v < 10 { return String(format1(v, 2)) + " ms" }
  return String(format1(v, 1)) + " ms"
}

func format1(_ v: Double, _ digits: Int) -> String {
  var scale = 1.0
  for _ in 0..<digits { scale *= 10 }
  let r = (v * scale).rounded() / scale
  var s = String(r)
  if let dot = s.firstIndex(of: ".") {
    let decimals = s.distance(from: dot, to: s.endIndex) - 1
    if decimals < digits { s += String(repeating: "0", count: digits - decimals) }
  } else {
    s += "." + String(repeating: "0", count: digits)
  }
  return s
}
