/// Dividing a rectangle into rows or columns (ratatui's `Layout` with constraints, in
/// miniature): fixed parts get their size first, then the rest is shared among the fill
/// parts by weight, the last one taking what rounding leaves.
public enum Axis: Sendable { case horizontal, vertical }

public enum Part: Equatable, Sendable {
  case fixed(Int)
  case fill(Int)
  public static let fill = Part.fill(1)
}

extension Rect {
  /// The parts, side by side (`.horizontal`) or one under another (`.vertical`); a part
  /// that does not fit is empty, never negative.
  public func split(_ axis: Axis, _ parts: [Part]) -> [Rect] {
    let total = axis == .horizontal ? width : height
    let fixed = parts.reduce(0) { if case .fixed(let n) = $1 { return $0 + max(0, n) } else { return $0 } }
    let weights = parts.reduce(0) { if case .fill(let w) = $1 { return $0 + max(0, w) } else { return $0 } }
    let rest = max(0, total - fixed)
    let lastFill = parts.lastIndex { if case .fill = $0 { return true } else { return false } }
    var sizes: [Int] = []
    var given = 0
    for (i, part) in parts.enumerated() {
      switch part {
      case .fixed(let n): sizes.append(max(0, n))
      case .fill(let w):
        if i == lastFill {
          sizes.append(max(0, rest - given))
        } else {
          let n = weights == 0 ? 0 : rest * max(0, w) / weights
          sizes.append(n)
          given += n
        }
      }
    }
    var out: [Rect] = []
    var at = 0
    for n in sizes {
      let n = max(0, min(n, total - at))
      out.append(
        axis == .horizontal
          ? Rect(x: x + at, y: y, width: n, height: height) : Rect(x: x, y: y + at, width: width, height: n))
      at += n
    }
    return out
  }
}
