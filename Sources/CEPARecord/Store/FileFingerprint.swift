/// The identity and content hash of a store file as it was read.
///
/// A save compares it with the file on disk to learn whether someone else changed the
/// file since `cepa` read it. The hash catches same-size rewrites within one timestamp
/// tick (git's "racy git" problem), which `stat` alone would miss.
public struct FileFingerprint: Equatable, Sendable {
  public var device: UInt64
  public var inode: UInt64
  public var size: Int
  public var modified: Int64
  public var modifiedNanoseconds: Int64
  public var hash: UInt64

  public init(device: UInt64, inode: UInt64, size: Int, modified: Int64, modifiedNanoseconds: Int64, hash: UInt64) {
    self.device = device
    self.inode = inode
    self.size = size
    self.modified = modified
    self.modifiedNanoseconds = modifiedNanoseconds
    self.hash = hash
  }
}
