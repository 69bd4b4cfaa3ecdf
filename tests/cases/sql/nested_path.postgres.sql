CASE
  WHEN (
    JSONB_TYPEOF(CAST("record" AS JSONB)) = 'object'
    AND NOT (
      COALESCE(
        JSONB_TYPEOF(JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'userIdentity')) = 'array',
        FALSE
      )
    )
    AND NOT (
      COALESCE(
        JSONB_TYPEOF(JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'userIdentity', 'sessionContext')) = 'array',
        FALSE
      )
    )
    AND NOT (
      COALESCE(
        JSONB_TYPEOF(
          JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'userIdentity', 'sessionContext', 'sessionIssuer')
        ) = 'array',
        FALSE
      )
    )
    AND NOT (
      COALESCE(
        JSONB_TYPEOF(
          JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'userIdentity', 'sessionContext', 'sessionIssuer', 'type')
        ) = 'array',
        FALSE
      )
    )
  )
  THEN (
    (
      (
        NOT JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'userIdentity', 'sessionContext', 'sessionIssuer', 'type') IS NULL
        AND JSONB_TYPEOF(
          JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'userIdentity', 'sessionContext', 'sessionIssuer', 'type')
        ) <> 'null'
      )
      AND NOT (
        JSONB_TYPEOF(
          JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'userIdentity', 'sessionContext', 'sessionIssuer', 'type')
        ) = 'array'
      )
    )
    AND (
      JSONB_TYPEOF(
        JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'userIdentity', 'sessionContext', 'sessionIssuer', 'type')
      ) = 'string'
      AND JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'userIdentity', 'sessionContext', 'sessionIssuer', 'type') #>> '{}' = 'Role'
    )
  )
  ELSE CARDINALITY(
    ARRAY(SELECT
      x34
    FROM UNNEST(ARRAY(SELECT
      x33
    FROM UNNEST(ARRAY(SELECT
      x32_item
    FROM UNNEST(ARRAY(SELECT
      x31_item
    FROM UNNEST(ARRAY(SELECT
      x30_item
    FROM UNNEST(ARRAY(SELECT
      x29_item
    FROM UNNEST(ARRAY(SELECT
      x28
    FROM UNNEST(ARRAY(SELECT
      JSONB_EXTRACT_PATH(x27, 'type')
    FROM UNNEST(ARRAY(SELECT
      x26
    FROM UNNEST(ARRAY(SELECT
      x25_item
    FROM UNNEST(ARRAY(SELECT
      x24_item
    FROM UNNEST(ARRAY(SELECT
      x23_item
    FROM UNNEST(ARRAY(SELECT
      x22_item
    FROM UNNEST(ARRAY(SELECT
      x21
    FROM UNNEST(ARRAY(SELECT
      JSONB_EXTRACT_PATH(x20, 'sessionIssuer')
    FROM UNNEST(ARRAY(SELECT
      x19
    FROM UNNEST(ARRAY(SELECT
      x18_item
    FROM UNNEST(ARRAY(SELECT
      x17_item
    FROM UNNEST(ARRAY(SELECT
      x16_item
    FROM UNNEST(ARRAY(SELECT
      x15_item
    FROM UNNEST(ARRAY(SELECT
      x14
    FROM UNNEST(ARRAY(SELECT
      JSONB_EXTRACT_PATH(x13, 'sessionContext')
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
      JSONB_EXTRACT_PATH(x6, 'userIdentity')
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
      JSONB_TYPEOF(x12) = 'object')) AS t_x13(x13))) AS t_x14(x14)
    WHERE
      NOT x14 IS NULL AND JSONB_TYPEOF(x14) <> 'null')) AS t_x15(x15)
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
    CROSS JOIN UNNEST(CASE
      WHEN JSONB_TYPEOF(x18) = 'array'
      THEN ARRAY(SELECT
        JSONB_ARRAY_ELEMENTS(x18))
      ELSE ARRAY[x18]
    END) AS t_x18_item(x18_item))) AS t_x19(x19)
    WHERE
      JSONB_TYPEOF(x19) = 'object')) AS t_x20(x20))) AS t_x21(x21)
    WHERE
      NOT x21 IS NULL AND JSONB_TYPEOF(x21) <> 'null')) AS t_x22(x22)
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
    CROSS JOIN UNNEST(CASE
      WHEN JSONB_TYPEOF(x25) = 'array'
      THEN ARRAY(SELECT
        JSONB_ARRAY_ELEMENTS(x25))
      ELSE ARRAY[x25]
    END) AS t_x25_item(x25_item))) AS t_x26(x26)
    WHERE
      JSONB_TYPEOF(x26) = 'object')) AS t_x27(x27))) AS t_x28(x28)
    WHERE
      NOT x28 IS NULL AND JSONB_TYPEOF(x28) <> 'null')) AS t_x29(x29)
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
    CROSS JOIN UNNEST(CASE
      WHEN JSONB_TYPEOF(x31) = 'array'
      THEN ARRAY(SELECT
        JSONB_ARRAY_ELEMENTS(x31))
      ELSE ARRAY[x31]
    END) AS t_x31_item(x31_item))) AS t_x32(x32)
    CROSS JOIN UNNEST(CASE
      WHEN JSONB_TYPEOF(x32) = 'array'
      THEN ARRAY(SELECT
        JSONB_ARRAY_ELEMENTS(x32))
      ELSE ARRAY[x32]
    END) AS t_x32_item(x32_item))) AS t_x33(x33)
    WHERE
      NOT x33 IS NULL AND JSONB_TYPEOF(x33) <> 'null')) AS t_x34(x34)
    WHERE
      JSONB_TYPEOF(x34) = 'string' AND x34 #>> '{}' = 'Role')
  ) > 0
END
