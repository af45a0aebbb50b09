import Dispatch
import CSystemSupport

/// Maps in parallel across the machine's cores, keeping order.
package func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
  if items.count <= 1 { return items.map(transform) }
  let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
  results.initialize(repeating: nil)
  defer { results.deallocate() }
  nonisolated(unsafe) let out = results
  DispatchQueue.concurrentPerform(iterations: items.count) { i in
    cepa_heap_prefer_huge_pages()
    out[i] = transform(items[i])
  }
  return results.map { $0! }
}
