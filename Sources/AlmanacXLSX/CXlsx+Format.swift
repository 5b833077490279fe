// libxlsxwriter calls (see CXlsx+Calls.swift for the rules every C call follows).

import CXlsxWriter
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Format

/// A typed `lxw_format *`, owned by its workbook.
struct LXWFormat {
    let raw: UnsafeMutablePointer<lxw_format>

    /// libxlsxwriter reads 0x000000 as "unset"; black is spelled LXW_COLOR_BLACK.
    private static func color(_ c: XLSXColor) -> lxw_color_t {
        c.rgb == 0 ? lxw_color_t(LXW_COLOR_BLACK.rawValue) : lxw_color_t(c.rgb)
    }

    func apply(_ s: CellStyle) {
        if s.bold { format_set_bold(raw) }
        if s.italic { format_set_italic(raw) }
        if s.underline { format_set_underline(raw, UInt8(LXW_UNDERLINE_SINGLE.rawValue)) }
        if let name = s.fontName { format_set_font_name(raw, name) }
        if let size = s.fontSize { format_set_font_size(raw, size) }
        if let c = s.fontColor { format_set_font_color(raw, Self.color(c)) }
        if let c = s.backgroundColor {
            format_set_pattern(raw, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(raw, Self.color(c))
        }
        if let nf = s.numberFormat { format_set_num_format(raw, nf.code) }
        if let h = s.horizontalAlignment {
            let a: lxw_format_alignments
            switch h {
            case .left: a = LXW_ALIGN_LEFT
            case .center: a = LXW_ALIGN_CENTER
            case .right: a = LXW_ALIGN_RIGHT
            case .centerAcross: a = LXW_ALIGN_CENTER_ACROSS
            }
            format_set_align(raw, UInt8(a.rawValue))
        }
        if let v = s.verticalAlignment {
            let a: lxw_format_alignments
            switch v {
            case .top: a = LXW_ALIGN_VERTICAL_TOP
            case .center: a = LXW_ALIGN_VERTICAL_CENTER
            case .bottom: a = LXW_ALIGN_VERTICAL_BOTTOM
            }
            format_set_align(raw, UInt8(a.rawValue))
        }
        if s.wrapText { format_set_text_wrap(raw) }
        if s.indent > 0 { format_set_indent(raw, UInt8(s.indent)) }
        if let b = s.border {
            let style: lxw_format_borders
            switch b {
            case .thin: style = LXW_BORDER_THIN
            case .medium: style = LXW_BORDER_MEDIUM
            case .thick: style = LXW_BORDER_THICK
            case .dashed: style = LXW_BORDER_DASHED
            case .dotted: style = LXW_BORDER_DOTTED
            case .double: style = LXW_BORDER_DOUBLE
            case .hair: style = LXW_BORDER_HAIR
            }
            format_set_border(raw, UInt8(style.rawValue))
        }
        if let c = s.borderColor { format_set_border_color(raw, Self.color(c)) }
    }
}
