import Foundation

extension String {
    /// The text in Unicode Normalization Form C (composed), the one spelling Almanac stores and compares:
    /// `"Hà"` typed precomposed and `"Ha\u{0300}"` typed with a combining accent become the same string.
    @inlinable
    public var nfc: String { precomposedStringWithCanonicalMapping }
}
