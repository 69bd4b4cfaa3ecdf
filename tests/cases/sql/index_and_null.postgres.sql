NOT (
  CARDINALITY(
    ARRAY(SELECT
      x22
    FROM UNNEST(ARRAY(SELECT
      x21_item
    FROM UNNEST(ARRAY(SELECT
      x20_item
    FROM UNNEST(ARRAY(SELECT
      x19_item
    FROM UNNEST(ARRAY(SELECT
      x18_item
    FROM UNNEST(ARRAY(SELECT
      x17
    FROM UNNEST(ARRAY(SELECT
      JSONB_EXTRACT_PATH(x16, 'errorCode')
    FROM UNNEST(ARRAY(SELECT
      x15
    FROM UNNEST(ARRAY(SELECT
      x14_item
    FROM UNNEST(ARRAY(SELECT
      x13_item
    FROM UNNEST(ARRAY(SELECT
      x12_item
    FROM UNNEST(ARRAY(SELECT
      x11_item
    FROM UNNEST(ARRAY(SELECT
      x10
    FROM UNNEST(ARRAY(SELECT
      JSONB_EXTRACT_PATH(x9, '0')
    FROM UNNEST(ARRAY(SELECT
      x8
    FROM UNNEST(ARRAY(SELECT
      x7
    FROM UNNEST(ARRAY(SELECT
      JSONB_EXTRACT_PATH(x6, 'Records')
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
    WHERE
      JSONB_TYPEOF(x8) = 'array')) AS t_x9(x9))) AS t_x10(x10)
    WHERE
      NOT x10 IS NULL AND JSONB_TYPEOF(x10) <> 'null')) AS t_x11(x11)
    CROSS JOIN UNNEST(CASE
      WHEN JSONB_TYPEOF(x11) = 'array'
      THEN ARRAY(SELECT
        JSONB_ARRAY_ELEMENTS(x11))
      ELSE ARRAY[x11]
    END) AS t_x11_item(x11_item))) AS t_x12(x12)
    CROSS JOIN UNNEST(CASE
      WHEN JSONB_TYPEOF(x12) = 'array'
      THEN ARRAY(SELECT
        JSONB_ARRAY_ELEMENTS(x12))
      ELSE ARRAY[x12]
    END) AS t_x12_item(x12_item))) AS t_x13(x13)
    CROSS JOIN UNNEST(CASE
      WHEN JSONB_TYPEOF(x13) = 'array'
      THEN ARRAY(SELECT
        JSONB_ARRAY_ELEMENTS(x13))
      ELSE ARRAY[x13]
    END) AS t_x13_item(x13_item))) AS t_x14(x14)
    CROSS JOIN UNNEST(CASE
      WHEN JSONB_TYPEOF(x14) = 'array'
      THEN ARRAY(SELECT
        JSONB_ARRAY_ELEMENTS(x14))
      ELSE ARRAY[x14]
    END) AS t_x14_item(x14_item))) AS t_x15(x15)
    WHERE
      JSONB_TYPEOF(x15) = 'object')) AS t_x16(x16))) AS t_x17(x17)
    WHERE
      NOT x17 IS NULL AND JSONB_TYPEOF(x17) <> 'null')) AS t_x18(x18)
    CROSS JOIN UNNEST(CASE
      WHEN JSONB_TYPEOF(x18) = 'array'
      THEN ARRAY(SELECT
        JSONB_ARRAY_ELEMENTS(x18))
      ELSE ARRAY[x18]
    END) AS t_x18_item(x18_item))) AS t_x19(x19)
    CROSS JOIN UNNEST(CASE
      WHEN JSONB_TYPEOF(x19) = 'array'
      THEN ARRAY(SELECT
        JSONB_ARRAY_ELEMENTS(x19))
      ELSE ARRAY[x19]
    END) AS t_x19_item(x19_item))) AS t_x20(x20)
    CROSS JOIN UNNEST(CASE
      WHEN JSONB_TYPEOF(x20) = 'array'
      THEN ARRAY(SELECT
        JSONB_ARRAY_ELEMENTS(x20))
      ELSE ARRAY[x20]
    END) AS t_x20_item(x20_item))) AS t_x21(x21)
    CROSS JOIN UNNEST(CASE
      WHEN JSONB_TYPEOF(x21) = 'array'
      THEN ARRAY(SELECT
        JSONB_ARRAY_ELEMENTS(x21))
      ELSE ARRAY[x21]
    END) AS t_x21_item(x21_item))) AS t_x22(x22)
    WHERE
      NOT x22 IS NULL AND JSONB_TYPEOF(x22) <> 'null')
  ) > 0
)
