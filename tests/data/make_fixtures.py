"""Writes the import fixtures under tests/data/ (run once; outputs are committed).

Expected values for each file are computed by hand in tests/ingest.rs.
Needs openpyxl for the XLSX fixture.
"""
import datetime as dt
import pathlib
import struct
import zlib

import openpyxl

HERE = pathlib.Path(__file__).parent

GBK_ROWS = """客户编号,到店日期,消费金额(元),参与活动,门店,交车日期,NPS,投诉
C001,2024-01-05,"1,234.50",首保免费,广州天河店,2023-12-20,9,否
C001,2024/1/5,￥300,,广州天河店,,,

C002,2024.1.6,￥2000.00,新车守护计划,佛山南海店,2023-12-28,10,
C002,20240310,800元,,佛山南海店,,,
C003,2024年2月1日,-120,,广州天河店,,,是
,2024-02-02,100,,,,,
C004,1997-02-30,100,,,,,
C005,2024-02-03,abc,,,,,
C006,2024-02-04
C007,yesterday,50,,,,,
C003,2024-03-01 10:30:00,(50.00),,广州天河店,,6,等待时间太长
C008,2024-03-02,0,,,,abc,
"""
# The header is line 1 and the blank line is line 4.
(HERE / "visits_gbk.csv").write_bytes(GBK_ROWS.replace("\n", "\r\n").encode("gbk"))

# Excel "Unicode text": UTF-16 LE with BOM, tab-separated, English headers.
UTF16_ROWS = "customer_id\tvisit_date\tamount\tcampaign\n" \
    "V1\t2024-05-01\t100\tSpring check\nV2\t2024-05-02\t200.5\t\nV1\t2024-06-01\t50\t\n"
(HERE / "visits_utf16.txt").write_bytes(b"\xff\xfe" + UTF16_ROWS.encode("utf-16-le"))

# Semicolon-separated UTF-8 with BOM and a title line above the header.
SEMI_ROWS = "服务记录导出 2024\n会员卡号;结算日期;实收金额\nM1;2024-07-01;1.234,00\nM1;2024-07-02;1234\nM2;2024-07-03;99\n"
(HERE / "visits_semicolon.csv").write_bytes(b"\xef\xbb\xbf" + SEMI_ROWS.encode("utf-8"))

wb = openpyxl.Workbook()
notes = wb.active
notes.title = "导出说明"
notes["A1"] = "本文件由 DMS 导出"
ws = wb.create_sheet("服务记录")
ws["A1"] = "天河店 2024 服务记录"
ws.append([])
ws.append(["客户ID", "服务日期", "实收金额", "活动名称"])
ws.append(["C001", dt.date(2024, 1, 5), 1234.5, "首保免费"])
ws.append(["C001", dt.datetime(2024, 1, 5, 10, 30), 300, None])
ws.append(["C002", "2024/2/1", 2000, None])
ws.append([])
ws.append(["C003", 45400, 88.8, None])
ws.append([12345, dt.date(2024, 3, 1), 500, None])
ws.append(["C004", "2024-02-30", 100, None])
ws.append(["C005", dt.date(2024, 3, 3), "abc", None])
wb.save(HERE / "visits.xlsx")

(HERE / "empty.csv").write_bytes(b"")
(HERE / "no_columns.csv").write_text("name,colour\nalpha,red\nbeta,blue\n", encoding="utf-8")
(HERE / "header_only.csv").write_text("客户ID,日期,金额\n", encoding="utf-8")


def png_1x1() -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b"")


(HERE / "not_a_table.png").write_bytes(png_1x1())
