import { describe, expect, it } from 'vitest';
import { countWords, foldForSearch, forTerminal, matchesSearch } from '../../shared/domain/text';

describe('foldForSearch: Vietnamese text without accents, for searching', () => {
  it('removes accents, turns đ into d and lowers the case', () => {
    expect(foldForSearch('Nguyễn Văn Đức')).toBe('nguyen van duc');
    expect(foldForSearch('Hội Liên hiệp Phụ nữ')).toBe('hoi lien hiep phu nu');
    expect(foldForSearch('đường ĐI')).toBe('duong di');
    expect(foldForSearch('Ấp Bàu Đưng, xã Trường Hòa')).toBe('ap bau dung, xa truong hoa');
  });

  it('treats precomposed and decomposed Unicode alike', () => {
    const name = 'Tây Ninh – Dương Minh Châu';
    expect(foldForSearch(name.normalize('NFD'))).toBe(foldForSearch(name.normalize('NFC')));
    expect(foldForSearch(name.normalize('NFD'))).toBe('tay ninh – duong minh chau');
  });

  it('collapses runs of white space and trims the ends', () => {
    expect(foldForSearch('  Hòa   Thành\t\nTây  ')).toBe('hoa thanh tay');
  });

  it('leaves plain ASCII alone apart from the case', () => {
    expect(foldForSearch('Office 12-B')).toBe('office 12-b');
  });
});

describe('matchesSearch: the search box over units and dossiers', () => {
  it('finds "Nguyễn Văn A" by typing "nguyen van a"', () => {
    expect(matchesSearch('Nguyễn Văn A', 'nguyen van a')).toBe(true);
  });

  it('finds a name typed with accents too, in any case', () => {
    expect(matchesSearch('Hội Nông dân xã Tân Biên', 'NÔNG DÂN')).toBe(true);
    expect(matchesSearch('Hội Nông dân xã Tân Biên', 'tân biên')).toBe(true);
  });

  it('a query with several words matches when every word appears, in any order', () => {
    expect(matchesSearch('Hội Cựu chiến binh xã Hảo Đước', 'duoc cuu chien')).toBe(true);
    expect(matchesSearch('Hội Cựu chiến binh xã Hảo Đước', 'duoc nong')).toBe(false);
  });

  it('matches parts of words', () => {
    expect(matchesSearch('Phòng giao dịch Châu Thành', 'giao dic')).toBe(true);
  });

  it('does not match a word the text lacks', () => {
    expect(matchesSearch('Nguyễn Văn A', 'tran')).toBe(false);
  });

  it('an empty or blank query matches everything', () => {
    expect(matchesSearch('Nguyễn Văn A', '')).toBe(true);
    expect(matchesSearch('', '   ')).toBe(true);
  });

  it('a non-empty query never matches empty text', () => {
    expect(matchesSearch('', 'a')).toBe(false);
  });
});

describe('countWords: the word count under the achievement report', () => {
  it('counts Vietnamese words as a reader would', () => {
    expect(countWords('Hội Liên hiệp Phụ nữ xã Tân Biên')).toBe(8);
    expect(countWords('Năm 2025, đơn vị đã hoàn thành 100 % kế hoạch.')).toBe(10);
  });

  it('counts nothing in empty or blank text, or in punctuation alone', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('   \n\t ')).toBe(0);
    expect(countWords('— … ; !')).toBe(0);
  });

  it('splits words at punctuation and line breaks', () => {
    expect(countWords('tiết kiệm/vay vốn\nTổ TK&VV')).toBe(7);
  });
});

describe('word count of decomposed Vietnamese', () => {
  it('counts "Việt Nam" as two words whichever Unicode form it arrives in', () => {
    expect(countWords('Việt Nam'.normalize('NFD'))).toBe(2);
    expect(countWords('Việt Nam'.normalize('NFC'))).toBe(2);
  });
});

describe('forTerminal: text from a file, safe to print', () => {
  it('keeps Vietnamese, punctuation and markup-like text as they are', () => {
    expect(forTerminal('Phòng giao dịch NHCSXH Gò Dầu <b>“Đức”</b> & 50%')).toBe('Phòng giao dịch NHCSXH Gò Dầu <b>“Đức”</b> & 50%');
  });

  it('removes colour and cursor sequences whole, and a window title (OSC) ended by a bell or by ESC \\', () => {
    expect(forTerminal('\u001b[31mĐỎ\u001b[0m xã\u001b[2J\u001b[1;1H')).toBe('ĐỎ xã');
    expect(forTerminal('a\u001b]0;pwned\u0007b\u001b]2;x\u001b\\c')).toBe('abc');
    expect(forTerminal('a\u009b31mb')).toBe('ab');
    expect(forTerminal('a\u001b')).toBe('a');
  });

  it('drops every other control character: a NUL, a carriage return, a backspace, DEL, C1 controls, bidirectional overrides', () => {
    expect(forTerminal('Hội\u0000 Phụ nữ\r\n\b\u007f\u0085\u202e\u2066xã')).toBe('Hội Phụ nữxã');
  });
});
