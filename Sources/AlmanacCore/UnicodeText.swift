import Foundation

extension String {
    /// The text in Unicode Normalization Form C (composed), the one spelling Almanac stores and compares:
    /// `"Hà"` typed precomposed and `"Ha\u{0300}"` typed with a combining accent become the same string.
    @inlinable
    public var nfc: String { precomposedStringWithCanonicalMapping }
}

extension String {
    /// The text as a reader types a name without accents: lower case, tone marks and vowel modifiers dropped, `đ`/`Đ`
    /// as `d` (which Unicode does not decompose), in NFC. `"Hà Giang"`, `"HA GIANG"` and `"Ha\u{0300} Giang"` all fold
    /// to `"ha giang"`; `"Đà Nẵng"` to `"da nang"`. For matching typed names (`fold(x)`, a filter's suggestions).
    public var accentFolded: String {
        let folded = nfc.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        guard folded.contains(where: { $0 == "đ" || $0 == "Đ" }) else { return folded.nfc }
        return String(folded.map { $0 == "đ" || $0 == "Đ" ? "d" : $0 }).nfc
    }
}
