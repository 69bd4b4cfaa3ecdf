NOT (
  (
    NOT (
      CASE
        WHEN (
          JSONB_TYPEOF(CAST("record" AS JSONB)) = 'object'
          AND NOT (
            COALESCE(
              JSONB_TYPEOF(JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'Origin')) = 'array',
              FALSE
            )
          )
        )
        THEN (
          (
            (
              NOT JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'Origin') IS NULL
              AND JSONB_TYPEOF(JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'Origin')) <> 'null'
            )
            AND NOT (
              JSONB_TYPEOF(JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'Origin')) = 'array'
            )
          )
          AND (
            JSONB_TYPEOF(JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'Origin')) = 'string'
            AND JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'Origin') #>> '{}' = 'AWS_KMS'
          )
        )
        ELSE CARDINALITY(
          ARRAY(SELECT
            x13
          FROM UNNEST(ARRAY(SELECT
            x12
          FROM UNNEST(ARRAY(SELECT
            x11_item
          FROM UNNEST(ARRAY(SELECT
            x10_item
          FROM UNNEST(ARRAY(SELECT
            x9_item
          FROM UNNEST(ARRAY(SELECT
            x8_item
          FROM UNNEST(ARRAY(SELECT
            x7
          FROM UNNEST(ARRAY(SELECT
            JSONB_EXTRACT_PATH(x6, 'Origin')
          FROM UNNEST(ARRAY(SELECT
            x5
          FROM UNNEST(ARRAY(SELECT
            x4_item
          FROM UNNEST(ARRAY(SELECT
            x3_item
          FROM UNNEST(ARRAY(SELECT
            x2_item
          FROM UNNEST(ARRAY(SELECT
            x1_item
          FROM UNNEST(ARRAY[CAST("record" AS JSONB)]) AS t_x1(x1)
          CROSS JOIN UNNEST(CASE
            WHEN JSONB_TYPEOF(x1) = 'array'
            THEN ARRAY(SELECT
              JSONB_ARRAY_ELEMENTS(x1))
            ELSE ARRAY[x1]
          END) AS t_x1_item(x1_item))) AS t_x2(x2)
          CROSS JOIN UNNEST(CASE
            WHEN JSONB_TYPEOF(x2) = 'array'
            THEN ARRAY(SELECT
              JSONB_ARRAY_ELEMENTS(x2))
            ELSE ARRAY[x2]
          END) AS t_x2_item(x2_item))) AS t_x3(x3)
          CROSS JOIN UNNEST(CASE
            WHEN JSONB_TYPEOF(x3) = 'array'
            THEN ARRAY(SELECT
              JSONB_ARRAY_ELEMENTS(x3))
            ELSE ARRAY[x3]
          END) AS t_x3_item(x3_item))) AS t_x4(x4)
          CROSS JOIN UNNEST(CASE
            WHEN JSONB_TYPEOF(x4) = 'array'
            THEN ARRAY(SELECT
              JSONB_ARRAY_ELEMENTS(x4))
            ELSE ARRAY[x4]
          END) AS t_x4_item(x4_item))) AS t_x5(x5)
          WHERE
            JSONB_TYPEOF(x5) = 'object')) AS t_x6(x6))) AS t_x7(x7)
          WHERE
            NOT x7 IS NULL AND JSONB_TYPEOF(x7) <> 'null')) AS t_x8(x8)
          CROSS JOIN UNNEST(CASE
            WHEN JSONB_TYPEOF(x8) = 'array'
            THEN ARRAY(SELECT
              JSONB_ARRAY_ELEMENTS(x8))
            ELSE ARRAY[x8]
          END) AS t_x8_item(x8_item))) AS t_x9(x9)
          CROSS JOIN UNNEST(CASE
            WHEN JSONB_TYPEOF(x9) = 'array'
            THEN ARRAY(SELECT
              JSONB_ARRAY_ELEMENTS(x9))
            ELSE ARRAY[x9]
          END) AS t_x9_item(x9_item))) AS t_x10(x10)
          CROSS JOIN UNNEST(CASE
            WHEN JSONB_TYPEOF(x10) = 'array'
            THEN ARRAY(SELECT
              JSONB_ARRAY_ELEMENTS(x10))
            ELSE ARRAY[x10]
          END) AS t_x10_item(x10_item))) AS t_x11(x11)
          CROSS JOIN UNNEST(CASE
            WHEN JSONB_TYPEOF(x11) = 'array'
            THEN ARRAY(SELECT
              JSONB_ARRAY_ELEMENTS(x11))
            ELSE ARRAY[x11]
          END) AS t_x11_item(x11_item))) AS t_x12(x12)
          WHERE
            NOT x12 IS NULL AND JSONB_TYPEOF(x12) <> 'null')) AS t_x13(x13)
          WHERE
            JSONB_TYPEOF(x13) = 'string' AND x13 #>> '{}' = 'AWS_KMS')
        ) > 0
      END
    )
    OR NOT (
      CASE
        WHEN (
          JSONB_TYPEOF(CAST("record" AS JSONB)) = 'object'
          AND NOT (
            COALESCE(
              JSONB_TYPEOF(JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'KeyManager')) = 'array',
              FALSE
            )
          )
        )
        THEN (
          (
            (
              NOT JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'KeyManager') IS NULL
              AND JSONB_TYPEOF(JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'KeyManager')) <> 'null'
            )
            AND NOT (
              JSONB_TYPEOF(JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'KeyManager')) = 'array'
            )
          )
          AND (
            JSONB_TYPEOF(JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'KeyManager')) = 'string'
            AND JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'KeyManager') #>> '{}' = 'CUSTOMER'
          )
        )
        ELSE CARDINALITY(
          ARRAY(SELECT
            x26
          FROM UNNEST(ARRAY(SELECT
            x25
          FROM UNNEST(ARRAY(SELECT
            x24_item
          FROM UNNEST(ARRAY(SELECT
            x23_item
          FROM UNNEST(ARRAY(SELECT
            x22_item
          FROM UNNEST(ARRAY(SELECT
            x21_item
          FROM UNNEST(ARRAY(SELECT
            x20
          FROM UNNEST(ARRAY(SELECT
            JSONB_EXTRACT_PATH(x19, 'KeyManager')
          FROM UNNEST(ARRAY(SELECT
            x18
          FROM UNNEST(ARRAY(SELECT
            x17_item
          FROM UNNEST(ARRAY(SELECT
            x16_item
          FROM UNNEST(ARRAY(SELECT
            x15_item
          FROM UNNEST(ARRAY(SELECT
            x14_item
          FROM UNNEST(ARRAY[CAST("record" AS JSONB)]) AS t_x14(x14)
          CROSS JOIN UNNEST(CASE
            WHEN JSONB_TYPEOF(x14) = 'array'
            THEN ARRAY(SELECT
              JSONB_ARRAY_ELEMENTS(x14))
            ELSE ARRAY[x14]
          END) AS t_x14_item(x14_item))) AS t_x15(x15)
          CROSS JOIN UNNEST(CASE
            WHEN JSONB_TYPEOF(x15) = 'array'
            THEN ARRAY(SELECT
              JSONB_ARRAY_ELEMENTS(x15))
            ELSE ARRAY[x15]
          END) AS t_x15_item(x15_item))) AS t_x16(x16)
          CROSS JOIN UNNEST(CASE
            WHEN JSONB_TYPEOF(x16) = 'array'
            THEN ARRAY(SELECT
              JSONB_ARRAY_ELEMENTS(x16))
            ELSE ARRAY[x16]
          END) AS t_x16_item(x16_item))) AS t_x17(x17)
          CROSS JOIN UNNEST(CASE
            WHEN JSONB_TYPEOF(x17) = 'array'
            THEN ARRAY(SELECT
              JSONB_ARRAY_ELEMENTS(x17))
            ELSE ARRAY[x17]
          END) AS t_x17_item(x17_item))) AS t_x18(x18)
          WHERE
            JSONB_TYPEOF(x18) = 'object')) AS t_x19(x19))) AS t_x20(x20)
          WHERE
            NOT x20 IS NULL AND JSONB_TYPEOF(x20) <> 'null')) AS t_x21(x21)
          CROSS JOIN UNNEST(CASE
            WHEN JSONB_TYPEOF(x21) = 'array'
            THEN ARRAY(SELECT
              JSONB_ARRAY_ELEMENTS(x21))
            ELSE ARRAY[x21]
          END) AS t_x21_item(x21_item))) AS t_x22(x22)
          CROSS JOIN UNNEST(CASE
            WHEN JSONB_TYPEOF(x22) = 'array'
            THEN ARRAY(SELECT
              JSONB_ARRAY_ELEMENTS(x22))
            ELSE ARRAY[x22]
          END) AS t_x22_item(x22_item))) AS t_x23(x23)
          CROSS JOIN UNNEST(CASE
            WHEN JSONB_TYPEOF(x23) = 'array'
            THEN ARRAY(SELECT
              JSONB_ARRAY_ELEMENTS(x23))
            ELSE ARRAY[x23]
          END) AS t_x23_item(x23_item))) AS t_x24(x24)
          CROSS JOIN UNNEST(CASE
            WHEN JSONB_TYPEOF(x24) = 'array'
            THEN ARRAY(SELECT
              JSONB_ARRAY_ELEMENTS(x24))
            ELSE ARRAY[x24]
          END) AS t_x24_item(x24_item))) AS t_x25(x25)
          WHERE
            NOT x25 IS NULL AND JSONB_TYPEOF(x25) <> 'null')) AS t_x26(x26)
          WHERE
            JSONB_TYPEOF(x26) = 'string' AND x26 #>> '{}' = 'CUSTOMER')
        ) > 0
      END
    )
    OR (
      CASE
        WHEN (
          JSONB_TYPEOF(CAST("record" AS JSONB)) = 'object'
          AND NOT (
            COALESCE(
              JSONB_TYPEOF(JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'KeyRotationEnabled')) = 'array',
              FALSE
            )
          )
        )
        THEN (
          (
            (
              NOT JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'KeyRotationEnabled') IS NULL
              AND JSONB_TYPEOF(JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'KeyRotationEnabled')) <> 'null'
            )
            AND NOT (
              JSONB_TYPEOF(JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'KeyRotationEnabled')) = 'array'
            )
          )
          AND (
            (
              JSONB_TYPEOF(JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'KeyRotationEnabled')) = 'string'
              AND JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'KeyRotationEnabled') #>> '{}' = 'True'
            )
            OR (
              JSONB_TYPEOF(JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'KeyRotationEnabled')) = 'boolean'
              AND JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'KeyRotationEnabled') #>> '{}' = 'true'
            )
          )
        )
        ELSE CARDINALITY(
          ARRAY(SELECT
            x39
          FROM UNNEST(ARRAY(SELECT
            x38
          FROM UNNEST(ARRAY(SELECT
            x37_item
          FROM UNNEST(ARRAY(SELECT
            x36_item
          FROM UNNEST(ARRAY(SELECT
            x35_item
          FROM UNNEST(ARRAY(SELECT
            x34_item
          FROM UNNEST(ARRAY(SELECT
            x33
          FROM UNNEST(ARRAY(SELECT
            JSONB_EXTRACT_PATH(x32, 'KeyRotationEnabled')
          FROM UNNEST(ARRAY(SELECT
            x31
          FROM UNNEST(ARRAY(SELECT
            x30_item
          FROM UNNEST(ARRAY(SELECT
            x29_item
          FROM UNNEST(ARRAY(SELECT
            x28_item
          FROM UNNEST(ARRAY(SELECT
            x27_item
          FROM UNNEST(ARRAY[CAST("record" AS JSONB)]) AS t_x27(x27)
          CROSS JOIN UNNEST(CASE
            WHEN JSONB_TYPEOF(x27) = 'array'
            THEN ARRAY(SELECT
              JSONB_ARRAY_ELEMENTS(x27))
            ELSE ARRAY[x27]
          END) AS t_x27_item(x27_item))) AS t_x28(x28)
          CROSS JOIN UNNEST(CASE
            WHEN JSONB_TYPEOF(x28) = 'array'
            THEN ARRAY(SELECT
              JSONB_ARRAY_ELEMENTS(x28))
            ELSE ARRAY[x28]
          END) AS t_x28_item(x28_item))) AS t_x29(x29)
          CROSS JOIN UNNEST(CASE
            WHEN JSONB_TYPEOF(x29) = 'array'
            THEN ARRAY(SELECT
              JSONB_ARRAY_ELEMENTS(x29))
            ELSE ARRAY[x29]
          END) AS t_x29_item(x29_item))) AS t_x30(x30)
          CROSS JOIN UNNEST(CASE
            WHEN JSONB_TYPEOF(x30) = 'array'
            THEN ARRAY(SELECT
              JSONB_ARRAY_ELEMENTS(x30))
            ELSE ARRAY[x30]
          END) AS t_x30_item(x30_item))) AS t_x31(x31)
          WHERE
            JSONB_TYPEOF(x31) = 'object')) AS t_x32(x32))) AS t_x33(x33)
          WHERE
            NOT x33 IS NULL AND JSONB_TYPEOF(x33) <> 'null')) AS t_x34(x34)
          CROSS JOIN UNNEST(CASE
            WHEN JSONB_TYPEOF(x34) = 'array'
            THEN ARRAY(SELECT
              JSONB_ARRAY_ELEMENTS(x34))
            ELSE ARRAY[x34]
          END) AS t_x34_item(x34_item))) AS t_x35(x35)
          CROSS JOIN UNNEST(CASE
            WHEN JSONB_TYPEOF(x35) = 'array'
            THEN ARRAY(SELECT
              JSONB_ARRAY_ELEMENTS(x35))
            ELSE ARRAY[x35]
          END) AS t_x35_item(x35_item))) AS t_x36(x36)
          CROSS JOIN UNNEST(CASE
            WHEN JSONB_TYPEOF(x36) = 'array'
            THEN ARRAY(SELECT
              JSONB_ARRAY_ELEMENTS(x36))
            ELSE ARRAY[x36]
          END) AS t_x36_item(x36_item))) AS t_x37(x37)
          CROSS JOIN UNNEST(CASE
            WHEN JSONB_TYPEOF(x37) = 'array'
            THEN ARRAY(SELECT
              JSONB_ARRAY_ELEMENTS(x37))
            ELSE ARRAY[x37]
          END) AS t_x37_item(x37_item))) AS t_x38(x38)
          WHERE
            NOT x38 IS NULL AND JSONB_TYPEOF(x38) <> 'null')) AS t_x39(x39)
          WHERE
            (
              JSONB_TYPEOF(x39) = 'string' AND x39 #>> '{}' = 'True'
            )
            OR (
              JSONB_TYPEOF(x39) = 'boolean' AND x39 #>> '{}' = 'true'
            ))
        ) > 0
      END
      AND CASE
        WHEN (
          JSONB_TYPEOF(CAST("record" AS JSONB)) = 'object'
          AND NOT (
            COALESCE(
              JSONB_TYPEOF(JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'KeyState')) = 'array',
              FALSE
            )
          )
        )
        THEN (
          (
            (
              NOT JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'KeyState') IS NULL
              AND JSONB_TYPEOF(JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'KeyState')) <> 'null'
            )
            AND NOT (
              JSONB_TYPEOF(JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'KeyState')) = 'array'
            )
          )
          AND (
            JSONB_TYPEOF(JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'KeyState')) = 'string'
            AND JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'KeyState') #>> '{}' = 'Enabled'
          )
        )
        ELSE CARDINALITY(
          ARRAY(SELECT
            x52
          FROM UNNEST(ARRAY(SELECT
            x51
          FROM UNNEST(ARRAY(SELECT
            x50_item
          FROM UNNEST(ARRAY(SELECT
            x49_item
          FROM UNNEST(ARRAY(SELECT
            x48_item
          FROM UNNEST(ARRAY(SELECT
            x47_item
          FROM UNNEST(ARRAY(SELECT
            x46
          FROM UNNEST(ARRAY(SELECT
            JSONB_EXTRACT_PATH(x45, 'KeyState')
          FROM UNNEST(ARRAY(SELECT
            x44
          FROM UNNEST(ARRAY(SELECT
            x43_item
          FROM UNNEST(ARRAY(SELECT
            x42_item
          FROM UNNEST(ARRAY(SELECT
            x41_item
          FROM UNNEST(ARRAY(SELECT
            x40_item
          FROM UNNEST(ARRAY[CAST("record" AS JSONB)]) AS t_x40(x40)
          CROSS JOIN UNNEST(CASE
            WHEN JSONB_TYPEOF(x40) = 'array'
            THEN ARRAY(SELECT
              JSONB_ARRAY_ELEMENTS(x40))
            ELSE ARRAY[x40]
          END) AS t_x40_item(x40_item))) AS t_x41(x41)
          CROSS JOIN UNNEST(CASE
            WHEN JSONB_TYPEOF(x41) = 'array'
            THEN ARRAY(SELECT
              JSONB_ARRAY_ELEMENTS(x41))
            ELSE ARRAY[x41]
          END) AS t_x41_item(x41_item))) AS t_x42(x42)
          CROSS JOIN UNNEST(CASE
            WHEN JSONB_TYPEOF(x42) = 'array'
            THEN ARRAY(SELECT
              JSONB_ARRAY_ELEMENTS(x42))
            ELSE ARRAY[x42]
          END) AS t_x42_item(x42_item))) AS t_x43(x43)
          CROSS JOIN UNNEST(CASE
            WHEN JSONB_TYPEOF(x43) = 'array'
            THEN ARRAY(SELECT
              JSONB_ARRAY_ELEMENTS(x43))
            ELSE ARRAY[x43]
          END) AS t_x43_item(x43_item))) AS t_x44(x44)
          WHERE
            JSONB_TYPEOF(x44) = 'object')) AS t_x45(x45))) AS t_x46(x46)
          WHERE
            NOT x46 IS NULL AND JSONB_TYPEOF(x46) <> 'null')) AS t_x47(x47)
          CROSS JOIN UNNEST(CASE
            WHEN JSONB_TYPEOF(x47) = 'array'
            THEN ARRAY(SELECT
              JSONB_ARRAY_ELEMENTS(x47))
            ELSE ARRAY[x47]
          END) AS t_x47_item(x47_item))) AS t_x48(x48)
          CROSS JOIN UNNEST(CASE
            WHEN JSONB_TYPEOF(x48) = 'array'
            THEN ARRAY(SELECT
              JSONB_ARRAY_ELEMENTS(x48))
            ELSE ARRAY[x48]
          END) AS t_x48_item(x48_item))) AS t_x49(x49)
          CROSS JOIN UNNEST(CASE
            WHEN JSONB_TYPEOF(x49) = 'array'
            THEN ARRAY(SELECT
              JSONB_ARRAY_ELEMENTS(x49))
            ELSE ARRAY[x49]
          END) AS t_x49_item(x49_item))) AS t_x50(x50)
          CROSS JOIN UNNEST(CASE
            WHEN JSONB_TYPEOF(x50) = 'array'
            THEN ARRAY(SELECT
              JSONB_ARRAY_ELEMENTS(x50))
            ELSE ARRAY[x50]
          END) AS t_x50_item(x50_item))) AS t_x51(x51)
          WHERE
            NOT x51 IS NULL AND JSONB_TYPEOF(x51) <> 'null')) AS t_x52(x52)
          WHERE
            JSONB_TYPEOF(x52) = 'string' AND x52 #>> '{}' = 'Enabled')
        ) > 0
      END
    )
  )
)
